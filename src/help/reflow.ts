/**
 * Help text as paragraphs (issue 13 item 5): descriptions are written with hard line breaks in the
 * source, which wrap raggedly on any terminal narrower or wider than the author's. `reflow` joins
 * the lines of each paragraph into one, so oclif's help wraps it to the terminal width. Blank lines
 * separate paragraphs; list items (`- `, `* `, `1. `), indented lines (code, examples) and lines
 * starting with `$` keep their own line.
 */

const KEEP_LINE = /^(?:\s|[*\u2022-]\s|\d+[.)]\s|\$\s?)/

/** Join the soft line breaks of every paragraph of `text` (see the file header). */
export function reflow(text: string): string {
  const paragraphs = text.replaceAll('\r\n', '\n').split(/\n[\t ]*\n/)
  return paragraphs.map((p) => reflowParagraph(p)).join('\n\n')
}

function reflowParagraph(paragraph: string): string {
  const out: string[] = []
  for (const line of paragraph.split('\n')) {
    const previous = out.at(-1)
    if (previous === undefined || KEEP_LINE.test(line) || isVerbatim(previous)) {
      out.push(line.trimEnd())
    } else {
      out[out.length - 1] = `${previous} ${line.trim()}`.trimEnd()
    }
  }

  return out.join('\n')
}

/** An indented line stays on its own; a list item takes the lines that continue it. */
function isVerbatim(line: string): boolean {
  return /^\s/.test(line) || line.startsWith('$')
}
