import {expect} from 'chai'

import {reflow} from '../../../src/help/reflow.js'

describe('help/reflow', () => {
  const cases: Array<[string, string, string]> = [
    ['joins the lines of a paragraph', 'Deletes the data\nand seeds it again.', 'Deletes the data and seeds it again.'],
    ['keeps paragraphs apart', 'One\ntwo.\n\nThree\nfour.', 'One two.\n\nThree four.'],
    ['treats a blank line with spaces as a paragraph break', 'a\n  \nb', 'a\n\nb'],
    ['keeps list items on their own lines', 'Keys:\n- a: one\n- b: two', 'Keys:\n- a: one\n- b: two'],
    ['joins a list item with its continuation', '- a: one\ncontinued\n- b', '- a: one continued\n- b'],
    ['keeps numbered items', '1. first\n2. second', '1. first\n2. second'],
    [
      'keeps indented lines (code) verbatim',
      'Run:\n  close leads list\n  close leads get',
      'Run:\n  close leads list\n  close leads get',
    ],
    ['keeps $ command lines', '$ close a\n$ close b', '$ close a\n$ close b'],
    ['normalises CRLF', 'a\r\nb', 'a b'],
    ['leaves one-line text alone', 'Just one line.', 'Just one line.'],
  ]
  for (const [name, input, expected] of cases) {
    it(name, () => {
      expect(reflow(input)).to.equal(expected)
    })
  }
})
