/** services/today.ts and services/pipeline.ts over a stub Close: concurrency, filters, periods. */
import {expect} from 'chai'

import type {ServiceDeps} from '../../../src/services/deps.js'

import {Lookups} from '../../../src/close/lookups.js'
import {periodOf} from '../../../src/close/periods.js'
import {pipelineReport} from '../../../src/services/pipeline.js'
import {today} from '../../../src/services/today.js'

type Obj = Record<string, unknown>

/** A stub scope: `list` and `proxy` answer only once `expected` calls are in flight together. */
function stubDeps(expected: number, answer: (path: string, params: Obj) => Obj | Obj[]) {
  const seen: Array<{params: Obj; path: string}> = []
  let waiting: Array<() => void> = []
  const together = async () => {
    await new Promise<void>((resolve) => {
      waiting.push(resolve)
      if (waiting.length >= expected) {
        for (const go of waiting) go()
        waiting = []
      }
    })
  }

  const api = {
    list(resource: {path: string}, params: Obj) {
      seen.push({params, path: resource.path})
      return {
        more: () => false,
        pages: (async function* () {
          await together()
          yield answer(resource.path, params) as Obj[]
        })(),
        total() {},
      }
    },
    async proxy(_method: string, path: string, query: Array<[string, string]> = []) {
      const params = Object.fromEntries(query)
      seen.push({params, path})
      if (path.startsWith('/opportunity/')) await together()
      return answer(path, params) as Obj
    },
  }
  const cache = {lookup() {}, async setLookup() {}}
  const lookups = new Lookups(api as never, cache as never, 'c')
  const deps = {
    connect: async () => ({api, cache, id: 'c', lookups}),
    interactive: false,
    io: {json: true, stderrIsTTY: false},
  } as unknown as ServiceDeps
  return {deps, seen}
}

const NOW = new Date(2026, 11, 1, 10, 0, 0)

describe('rep day services', () => {
  describe('today service', () => {
    it('runs the three reads together and splits tasks into overdue and today', async () => {
      const {deps, seen} = stubDeps(3, (path) => {
        if (path === '/task/') {
          return [
            {date: '2026-11-28', id: 'task_b', text: 'old'},
            {date: '2026-12-01', id: 'task_c', text: 'now'},
            {date: '2026-11-20', id: 'task_a', text: 'older'},
            {date: '2026-11-30', id: 'task_d', is_complete: true, text: 'done'},
          ]
        }

        return path === '/activity/meeting/' ? [{id: 'acti_m', starts_at: '2026-12-01T15:00:00Z'}] : [{id: 'oppo_1'}]
      })
      const day = await today(deps, {user: 'user_0000000000000000000001'}, NOW)
      expect(day.date).to.equal('2026-12-01')
      expect(day.tasks.overdue.map((t) => t.id)).to.deep.equal(['task_a', 'task_b'])
      expect(day.tasks.today.map((t) => t.id)).to.deep.equal(['task_c'])
      expect(day.meetings.map((m) => m.id)).to.deep.equal(['acti_m'])
      expect(day.opportunities.closing.map((o) => o.id)).to.deep.equal(['oppo_1'])
      const opp = seen.find((s) => s.path === '/opportunity/')!
      expect(opp.params).to.deep.include({
        date_won__gte: '2026-12-01',
        date_won__lte: '2026-12-31',
        status_type: 'active',
        user_id: 'user_0000000000000000000001',
      })
      expect(seen.find((s) => s.path === '/task/')!.params).to.deep.include({
        assigned_to: 'user_0000000000000000000001',
      })
    })

    it('--user all filters by nobody', async () => {
      const {deps, seen} = stubDeps(3, () => [])
      await today(deps, {user: 'all'}, NOW)
      for (const s of seen) expect(s.params).not.to.have.any.keys('user_id', 'assigned_to')
    })
  })

  describe('pipeline service', () => {
    it('one aggregate per active status plus won and lost, all in flight together', async () => {
      const statuses = [
        {id: 'stat_a', label: 'Demo', type: 'active'},
        {id: 'stat_b', label: 'Proposal', type: 'active'},
        {id: 'stat_w', label: 'Won', type: 'won'},
        {id: 'stat_l', label: 'Lost', type: 'lost'},
      ]
      const {deps, seen} = stubDeps(4, (path, params) => {
        if (path === '/me/') return {organizations: [{id: 'orga_1'}]}
        if (path === '/organization/orga_1/')
          return {currency: 'EUR', pipelines: [{id: 'pipe_1', name: 'Sales', statuses}]}
        return {
          expected_value_annualized: 500,
          total_results: params.status_id === 'stat_a' ? 2 : 1,
          total_value_annualized: 1000,
        }
      })
      const report = await pipelineReport(deps, {period: 'last-month', user: 'all'}, NOW)
      expect(report.pipeline).to.deep.equal({currency: 'EUR', id: 'pipe_1', name: 'Sales'})
      expect(report.statuses.map((s) => [s.label, s.count, s.value, s.weighted_value])).to.deep.equal([
        ['Demo', 2, 1000, 500],
        ['Proposal', 1, 1000, 500],
      ])
      const won = seen.find((s) => s.params.status_id__in === 'stat_w')!
      expect(won.params).to.deep.include({_limit: '0', date_won__gte: '2026-11-01', date_won__lte: '2026-11-30'})
      expect(report.won).to.deep.equal({count: 1, value: 1000, weighted_value: 500})
    })

    it('your pipeline reads /me/ once: the organization and your user ID come from the same call', async () => {
      const {deps, seen} = stubDeps(3, (path) => {
        if (path === '/me/') return {id: 'user_me', organizations: [{id: 'orga_1'}]}
        if (path === '/organization/orga_1/')
          return {
            currency: 'EUR',
            pipelines: [
              {
                id: 'pipe_1',
                name: 'Sales',
                statuses: [
                  {id: 'stat_a', label: 'Demo', type: 'active'},
                  {id: 'stat_w', label: 'Won', type: 'won'},
                  {id: 'stat_l', label: 'Lost', type: 'lost'},
                ],
              },
            ],
          }
        return {expected_value_annualized: 0, total_results: 0, total_value_annualized: 0}
      })
      await pipelineReport(deps, {period: 'this-month', user: 'me'}, NOW)
      expect(seen.filter((s) => s.path === '/me/')).to.have.length(1)
      expect(seen.filter((s) => s.path === '/opportunity/').map((s) => s.params.user_id)).to.deep.equal([
        'user_me',
        'user_me',
        'user_me',
      ])
    })
  })

  describe('periods', () => {
    it('month, last month across a year, quarter, year, all', () => {
      expect(periodOf('this-month', NOW)).to.deep.equal({end: '2026-12-31', name: 'this-month', start: '2026-12-01'})
      expect(periodOf('last-month', new Date(2026, 0, 15))).to.deep.include({end: '2025-12-31', start: '2025-12-01'})
      expect(periodOf('this-quarter', NOW)).to.deep.include({end: '2026-12-31', start: '2026-10-01'})
      expect(periodOf('this-year', NOW)).to.deep.include({end: '2026-12-31', start: '2026-01-01'})
      expect(periodOf('all', NOW)).to.deep.equal({name: 'all'})
    })
  })
})
