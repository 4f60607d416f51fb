import {expect} from 'chai'

import {leads, opportunities} from '../../../src/close/resources.js'
import {
  fitCell,
  formatHeader,
  formatRow,
  kindOf,
  layoutColumn,
  type LayoutColumn,
  layoutTable,
  renderTable,
} from '../../../src/output/table-layout.js'
import {stringWidth} from '../../../src/output/width.js'

const leadColumns: LayoutColumn[] = [
  {header: 'ID', key: 'id', kind: 'id'},
  {header: 'NAME', key: 'display_name', kind: 'name', maxWidth: 36},
  {header: 'STATUS', key: 'status_label', kind: 'status', maxWidth: 20},
  {header: 'CONTACTS', key: 'contacts', kind: 'number', priority: 25},
  {header: 'EMAIL', key: 'email', kind: 'text', maxWidth: 32, priority: 35},
  {header: 'CITY', key: 'city', kind: 'text', maxWidth: 18, priority: 15},
  {header: 'UPDATED', key: 'date_updated', kind: 'date', priority: 45},
]
const leadRows = [
  [
    'lead_4sHkQ1cR7bV2xYz9WmP0aB3',
    'Acme Anvil Co',
    'Potential',
    '2',
    'sales@acme-anvil.example',
    'Springfield',
    '2026-11-30',
  ],
  [
    'lead_9PqRsT4uVwXyZ0aBcDeFgH1',
    'Clearwater Logistics International GmbH',
    'Qualified',
    '14',
    'info@clearwater-logistics.example',
    'Düsseldorf',
    '2026-11-02',
  ],
  ['lead_2KmNoP3qRsTuVwXyZaBcDeF', '東京デザイン株式会社', 'Interested', '1', '', '東京', '2026-10-15'],
  ['lead_7HiJkL8mNoPqRsTuVwXyZa1', 'Zebra 🦓 Outfitters', 'Customer', '3', 'hello@zebra.example', '', '2026-09-01'],
]

function widest(lines: string[]): number {
  return Math.max(...lines.map((l) => stringWidth(l)))
}

describe('output/table-layout', () => {
  describe('never wider than the terminal', () => {
    for (const width of [40, 50, 80, 120, 220]) {
      it(`leads at ${width} columns`, () => {
        const {layout, lines} = renderTable(leadColumns, leadRows, width)
        expect(widest(lines)).to.be.at.most(width)
        expect(layout.columns.map((c) => c.key)).to.include('display_name')
        for (const line of lines) expect(line).to.equal(line.trimEnd())
      })

      it(`every resource's curated columns at ${width} columns with long cells`, () => {
        for (const resource of [leads, opportunities]) {
          const columns = resource.columns.map((c) => layoutColumn(c))
          const rows = [columns.map((c) => `${c.key} `.repeat(12).trim())]
          expect(widest(renderTable(columns, rows, width).lines), resource.plural).to.be.at.most(width)
        }
      })
    }
  })

  it('shows every column at full width when there is room (220)', () => {
    const {layout, lines} = renderTable(leadColumns, leadRows, 220)
    expect(layout.columns.map((c) => [c.key, c.width])).to.deep.equal([
      ['id', 28],
      ['display_name', 36],
      ['status_label', 10],
      ['contacts', 8],
      ['email', 32],
      ['city', 11],
      ['date_updated', 10],
    ])
    expect(layout.dropped).to.deep.equal([])
    expect(lines[0]).to.equal(
      'ID                            NAME                                  STATUS      CONTACTS  EMAIL                             CITY         UPDATED',
    )
    // Numbers are right-aligned; the 36-cell name is cut with an ellipsis.
    expect(lines[2]).to.equal(
      'lead_9PqRsT4uVwXyZ0aBcDeFgH1  Clearwater Logistics International…   Qualified         14  info@clearwater-logistics.examp…  Düsseldorf   2026-11-02',
    )
  })

  it('at 80 columns drops the lowest priorities (the ID, then city) and shortens long text', () => {
    const {layout, lines} = renderTable(leadColumns, leadRows, 80)
    expect(layout.dropped).to.deep.equal(['id', 'city'])
    expect(layout.columns.map((c) => c.key)).to.deep.equal([
      'display_name',
      'status_label',
      'contacts',
      'email',
      'date_updated',
    ])
    expect(lines).to.deep.equal([
      'NAME                          STATUS      CONTACTS  EMAIL             UPDATED',
      'Acme Anvil Co                 Potential          2  sales@acme-anvi…  2026-11-30',
      'Clearwater Logistics Intern…  Qualified         14  info@clearwater…  2026-11-02',
      '東京デザイン株式会社          Interested         1                    2026-10-15',
      'Zebra 🦓 Outfitters           Customer           3  hello@zebra.exa…  2026-09-01',
    ])
  })

  it('at 50 columns keeps name, status and date, and shortens the name before dropping more', () => {
    const {layout, lines} = renderTable(leadColumns, leadRows, 50)
    expect(layout.columns.map((c) => c.key)).to.deep.equal(['display_name', 'status_label', 'date_updated'])
    expect(lines).to.deep.equal([
      'NAME                        STATUS      UPDATED',
      'Acme Anvil Co               Potential   2026-11-30',
      'Clearwater Logistics Inte…  Qualified   2026-11-02',
      '東京デザイン株式会社        Interested  2026-10-15',
      'Zebra 🦓 Outfitters         Customer    2026-09-01',
    ])
  })

  it('at 120 columns drops the ID rather than cut a name, and shows the rest whole', () => {
    const {layout, lines} = renderTable(leadColumns, leadRows, 120)
    expect(layout.dropped).to.deep.equal(['id'])
    expect(lines[2]).to.equal(
      'Clearwater Logistics International…   Qualified         14  info@clearwater-logistics.examp…  Düsseldorf   2026-11-02',
    )
  })

  it('at 40 columns still shows name and status', () => {
    const {layout, lines} = renderTable(leadColumns, leadRows, 40)
    expect(layout.columns.map((c) => c.key)).to.deep.equal(['display_name', 'status_label'])
    expect(widest(lines)).to.be.at.most(40)
    expect(lines[2]).to.equal('Clearwater Logistics Intern…  Qualified')
  })

  it('drops empty columns first, even with room to spare', () => {
    const rows = [
      ['lead_1', 'Acme', ''],
      ['lead_2', 'Beta', ''],
    ]
    const columns: LayoutColumn[] = [
      {header: 'ID', key: 'id', kind: 'id'},
      {header: 'NAME', key: 'name', kind: 'name'},
      {header: 'EMAIL', key: 'email', priority: 100},
    ]
    const {layout, lines} = renderTable(columns, rows, 220)
    expect(layout.dropped).to.deep.equal(['email'])
    expect(lines).to.deep.equal(['ID      NAME', 'lead_1  Acme', 'lead_2  Beta'])
  })

  it('keeps a column asked for with --fields, even an empty one and even the ID at 40 columns', () => {
    const columns = leadColumns.map((c) => (c.key === 'id' || c.key === 'city' ? {...c, explicit: true} : c))
    const rows = leadRows.map((r) => r.map((cell, i) => (i === 5 ? '' : cell)))
    const {layout, lines} = renderTable(columns, rows, 40)
    // The whole ID and the empty city are kept: the other columns gave way.
    expect(layout.columns.map((c) => c.key)).to.deep.equal(['id', 'city'])
    expect(lines[0]).to.equal('ID                            CITY')
    expect(lines[1]).to.equal('lead_4sHkQ1cR7bV2xYz9WmP0aB3')
  })

  it('drops IDs before shortening names', () => {
    const columns: LayoutColumn[] = [
      {header: 'ID', key: 'id', kind: 'id'},
      {header: 'NAME', key: 'name', kind: 'name'},
    ]
    const rows = [['lead_4sHkQ1cR7bV2xYz9WmP0aB3', 'Clearwater Logistics International']]
    expect(renderTable(columns, rows, 64).lines[1]).to.equal(
      'lead_4sHkQ1cR7bV2xYz9WmP0aB3  Clearwater Logistics International',
    )
    expect(renderTable(columns, rows, 63).lines[1]).to.equal('Clearwater Logistics International')
    expect(renderTable(columns, rows, 40).lines[1]).to.equal('Clearwater Logistics International')
    // Asked for, the ID stays whole and the name gives way.
    const asked = columns.map((c) => ({...c, explicit: true}))
    expect(renderTable(asked, rows, 50).lines[1]).to.equal('lead_4sHkQ1cR7bV2xYz9WmP0aB3  Clearwater Logistic…')
  })

  it('cuts even asked-for columns rather than overflow, and leaves out the rightmost as a last resort', () => {
    const columns: LayoutColumn[] = Array.from({length: 30}, (_, i) => ({
      explicit: true,
      header: `C${i}`,
      key: `c${i}`,
      kind: 'id' as const,
    }))
    const rows = [columns.map((_, i) => `value_${i}_xxxxxxxx`)]
    const {layout, lines} = renderTable(columns, rows, 40)
    expect(widest(lines)).to.be.at.most(40)
    expect(layout.columns.length).to.be.greaterThan(1)
    expect(layout.dropped.at(-1)).to.equal('c29')
  })

  it('never drops the only column; cuts it instead', () => {
    const {lines} = renderTable([{header: 'NOTE', key: 'note'}], [['x'.repeat(100)]], 40)
    expect(lines[1]).to.equal(`${'x'.repeat(39)}…`)
  })

  it('measures East Asian wide characters and emoji as two cells and ANSI colour as none', () => {
    const red = '\u001B[31mPotential\u001B[39m'
    const rows = [['東京デザイン株式会社', red]]
    const columns: LayoutColumn[] = [
      {header: 'NAME', key: 'name', kind: 'name'},
      {header: 'STATUS', key: 'status', kind: 'status'},
    ]
    const {layout, lines} = renderTable(columns, rows, 80)
    expect(layout.columns.map((c) => c.width)).to.deep.equal([20, 9])
    expect(lines[1]).to.equal(`東京デザイン株式会社  ${red}`)
  })

  describe('streamed tables: widths fixed from the first page', () => {
    it('reuses the first page layout for later pages, cutting longer cells', () => {
      const first = [['lead_1', 'Acme', 'Potential']]
      const columns: LayoutColumn[] = [
        {header: 'ID', key: 'id', kind: 'id'},
        {header: 'NAME', key: 'name', kind: 'name'},
        {header: 'STATUS', key: 'status', kind: 'status'},
      ]
      const layout = layoutTable(columns, first, 80)
      expect(formatHeader(layout)).to.equal('ID      NAME  STATUS')
      expect(formatRow(layout, first[0]!)).to.equal('lead_1  Acme  Potential')
      expect(formatRow(layout, ['lead_22', 'Clearwater', 'Qualified, long'])).to.equal('lead_…  Cle…  Qualifie…')
      expect(formatRow(layout, ['lead_3', '', 'Won'])).to.equal('lead_3        Won')
    })

    it('a column empty on the first page stays dropped', () => {
      const columns: LayoutColumn[] = [
        {header: 'NAME', key: 'name', kind: 'name'},
        {header: 'EMAIL', key: 'email'},
      ]
      const layout = layoutTable(columns, [['Acme', '']], 80)
      expect(formatRow(layout, ['Beta', 'b@example.com'])).to.equal('Beta')
    })
  })

  describe('formatRow', () => {
    it('styles cells without counting the style', () => {
      const layout = layoutTable(
        [
          {header: 'A', key: 'a'},
          {header: 'B', key: 'b'},
        ],
        [['xx', 'y']],
        80,
      )
      expect(formatHeader(layout, (s) => `<${s}>`)).to.equal('<A>   <B>')
    })

    it('right-aligns money and numbers', () => {
      const columns: LayoutColumn[] = [
        {header: 'LEAD', key: 'lead', kind: 'name'},
        {header: 'VALUE', key: 'value', kind: 'money'},
      ]
      const {lines} = renderTable(
        columns,
        [
          ['Acme', '$1,200.00'],
          ['Beta', '$90.00'],
        ],
        80,
      )
      expect(lines).to.deep.equal(['LEAD      VALUE', 'Acme  $1,200.00', 'Beta     $90.00'])
    })
  })

  describe('fitCell', () => {
    it('keeps colour codes and resets after a cut', () => {
      expect(fitCell('\u001B[32mQualified\u001B[39m', 5)).to.equal('\u001B[32mQual…\u001B[0m')
      expect(fitCell('\u001B[32mWon\u001B[39m', 5)).to.equal('\u001B[32mWon\u001B[39m')
    })

    it('cuts wide characters on cell boundaries', () => {
      expect(fitCell('東京デザイン', 5)).to.equal('東京…')
      expect(stringWidth(fitCell('東京デザイン', 6))).to.be.at.most(6)
    })
  })

  describe('kindOf', () => {
    const cases: Array<[Parameters<typeof kindOf>[0], string]> = [
      [{key: 'id'}, 'id'],
      [{key: 'lead_id'}, 'id'],
      [{key: 'display_name'}, 'name'],
      [{key: 'lead_name'}, 'name'],
      [{format: 'status', key: 'status_label'}, 'status'],
      [{format: 'money', key: 'value'}, 'money'],
      [{format: 'count', key: 'contacts'}, 'number'],
      [{format: 'percent', key: 'confidence'}, 'number'],
      [{format: 'datetime', key: 'date_created'}, 'date'],
      [{format: 'list', key: 'emails.0.email'}, 'text'],
      [{key: 'note'}, 'text'],
    ]
    for (const [column, kind] of cases) {
      it(`${column.key} (${column.format ?? 'no format'}) → ${kind}`, () => {
        expect(kindOf(column)).to.equal(kind)
      })
    }
  })
})
