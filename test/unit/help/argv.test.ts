import {expect} from 'chai'

import {globalFlags} from '../../../src/flags/global.js'
import {GLOBAL_FLAGS, hoistGlobalFlags} from '../../../src/hooks/argv.js'

describe('hooks/argv: global flags before the command', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['value flag', ['--connection', 'X', 'leads', 'list'], ['leads', 'list', '--connection', 'X']],
    ['value flag with =', ['--connection=X', 'leads', 'list'], ['leads', 'list', '--connection=X']],
    [
      'boolean flags',
      ['--json', '--sandbox', 'leads', 'get', 'lead_1'],
      ['leads', 'get', 'lead_1', '--json', '--sandbox'],
    ],
    ['-o VALUE', ['-o', 'csv', 'leads', 'list'], ['leads', 'list', '-o', 'csv']],
    ['-oVALUE', ['-ocsv', 'leads', 'list'], ['leads', 'list', '-ocsv']],
    ['--no-color', ['--no-color', 'tasks'], ['tasks', '--no-color']],
    [
      'before a --',
      ['--json', 'raw', 'GET', '/x', '--', '--literal'],
      ['raw', 'GET', '/x', '--json', '--', '--literal'],
    ],
    ['nothing to move', ['leads', 'list', '--json'], ['leads', 'list', '--json']],
    ['stops at an unknown flag', ['--json', '--stauts', 'leads'], ['--stauts', 'leads', '--json']],
    ['--help is not moved', ['--help', 'leads'], ['--help', 'leads']],
    ['--version alone', ['--version'], ['--version']],
    ['only global flags', ['--json', '--sandbox'], ['--json', '--sandbox']],
    ['value flag at the end with no value', ['--connection'], ['--connection']],
    ['boolean with = is not a global flag', ['--json=1', 'leads'], ['--json=1', 'leads']],
  ]
  for (const [name, argv, expected] of cases) {
    it(`${name}: ${argv.join(' ')}`, () => {
      expect(hoistGlobalFlags(argv)).to.deep.equal(expected)
    })
  }

  it('knows exactly the global flags of src/flags.ts, and which take a value', () => {
    const expected: Record<string, boolean> = {}
    for (const [name, flag] of Object.entries(globalFlags)) {
      expected[name] = flag.type === 'option'
      if ('allowNo' in flag && flag.allowNo) expected[`no-${name}`] = false
    }

    expect(GLOBAL_FLAGS).to.deep.equal(expected)
  })
})
