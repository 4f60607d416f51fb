import {expect} from 'chai'

import {NotFoundError, UsageError} from '../../../src/errors.js'
import {
  completeTasks,
  completeTasksRequest,
  taskBody,
  taskIds,
  taskListParams,
  tasksByIdParams,
} from '../../../src/services/tasks.js'
import {ACME, JANE, ME, stubDeps} from './stub-resolver.js'

const LEAD = ACME
const T1 = 'task_AAAAAAAAAAAAAAAAAAAAAA'
const T2 = 'task_BBBBBBBBBBBBBBBBBBBBBB'
const NOW = new Date(2026, 2, 15, 12, 0, 0)

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (error) {
    return error as Error
  }

  throw new Error('expected a rejection')
}

function thrown(fn: () => unknown): Error {
  try {
    fn()
  } catch (error) {
    return error as Error
  }

  throw new Error('expected a throw')
}

describe('services/tasks', () => {
  describe('taskListParams', () => {
    it('defaults to my inbox of plain to-dos', async () => {
      expect(await taskListParams(stubDeps(), {})).to.deep.equal({_type: 'lead', assigned_to: ME, view: 'inbox'})
    })

    it('shows a lead’s tasks whoever has them, unless --assignee narrows it', async () => {
      const deps = stubDeps()
      expect(await taskListParams(deps, {lead: LEAD})).to.deep.equal({_type: 'lead', lead_id: LEAD, view: 'inbox'})
      expect(deps.calls).to.deep.equal([])
      expect(await taskListParams(deps, {assignee: 'me', lead: LEAD})).to.deep.equal({
        _type: 'lead',
        assigned_to: ME,
        lead_id: LEAD,
        view: 'inbox',
      })
    })

    it('takes a view, every type, and an assignee by email, ID or anyone', async () => {
      expect(
        await taskListParams(stubDeps(), {'all-types': true, assignee: 'jane@acme.com', view: 'archive'}),
      ).to.deep.equal({_order_by: '-date_updated', _type: 'all', assigned_to: JANE, view: 'archive'})
      expect(await taskListParams(stubDeps(), {assignee: JANE, view: 'future'})).to.deep.equal({
        _type: 'lead',
        assigned_to: JANE,
        view: 'future',
      })
      expect(await taskListParams(stubDeps(), {assignee: 'anyone'})).to.deep.equal({_type: 'lead', view: 'inbox'})
    })

    it('rejects an ID of the wrong kind in --lead (exit 2) without a call; an unknown assignee is exit 5', async () => {
      const deps = stubDeps()
      const wrong = await rejection(taskListParams(deps, {lead: 'user_AbCdEfGhIjKlMnOpQrStUv'}))
      expect(wrong).to.be.instanceOf(UsageError)
      expect(wrong.message).to.match(/^user_AbCdEfGhIjKlMnOpQrStUv in --lead is a user ID, but a lead is needed/)
      expect(deps.calls).to.deep.equal([])
      const unknown = await rejection(taskListParams(deps, {assignee: 'nobody@acme.com'}))
      expect(unknown).to.be.instanceOf(NotFoundError)
      expect(unknown.message).to.equal('No user matches "nobody@acme.com" in this organization (--assignee).')
    })
  })

  describe('taskBody', () => {
    it('builds a create body with Close’s names and a parsed due date', async () => {
      expect(
        await taskBody(stubDeps(), {assignee: 'me', due: 'tomorrow', lead: LEAD, text: '  Call back  '}, NOW),
      ).to.deep.equal({assigned_to: ME, date: '2026-03-16', lead_id: LEAD, text: 'Call back'})
    })

    it('sends only what was given (update)', async () => {
      expect(await taskBody(stubDeps(), {due: '+1w'}, NOW)).to.deep.equal({date: '2026-03-22'})
      expect(await taskBody(stubDeps(), {}, NOW)).to.deep.equal({})
    })

    it('rejects an empty text and a date it cannot read', async () => {
      expect((await rejection(taskBody(stubDeps(), {text: '  '}))).message).to.equal('--text is empty.')
      expect((await rejection(taskBody(stubDeps(), {due: 'someday'}))).message).to.equal(
        '--due "someday" is not a date.',
      )
    })
  })

  describe('done', () => {
    it('checks every ID before anything runs and drops duplicates', () => {
      expect(taskIds([T1, T2, T1])).to.deep.equal([T1, T2])
      const wrong = thrown(() => taskIds([T1, 'lead_AbCdEfGhIjKlMnOpQrStUv']))
      expect(wrong).to.be.instanceOf(UsageError)
      expect(wrong.message).to.equal('lead_AbCdEfGhIjKlMnOpQrStUv in ID is a lead ID, but a task is needed.')
      expect(taskIds([`https://app.close.com/lead/${ACME}/task/${T2}/`])).to.deep.equal([T2])
    })

    it('with no ID off a terminal exits 2 naming the argument, asking Close nothing', async () => {
      const deps = stubDeps()
      const error = await rejection(completeTasks(deps, []))
      expect(error).to.be.instanceOf(UsageError)
      expect(error.message).to.equal('Missing ID (one or more task IDs or URLs).')
      expect(deps.calls).to.deep.equal([])
    })

    it('completes them all in one bulk PUT and reads them back whatever their type', () => {
      expect(completeTasksRequest([T1, T2])).to.deep.equal({
        body: {is_complete: true},
        method: 'PUT',
        path: '/task/',
        query: [['id__in', `${T1},${T2}`]],
      })
      expect(tasksByIdParams([T1, T2])).to.deep.equal({_type: 'all', id__in: `${T1},${T2}`})
    })
  })
})
