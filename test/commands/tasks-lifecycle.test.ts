/**
 * `close tasks list / get / create / update / done / delete` end to end against the sandbox: a rep
 * adds tasks, finds them in the inbox, completes two at once (they move to the archive view),
 * reschedules and deletes; and every kind of wrong input.
 *
 */
import {expect} from 'chai'
import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'

type Task = Record<string, unknown> & {id: string}

const NO_SUCH_TASK = 'task_0000000000000000000000'
const NO_SUCH_LEAD = 'lead_0000000000000000000000'

/** A date `days` from today as the sandbox sees it (the tests run with TZ=UTC). */
function day(days = 0): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

const ids = (stdout: string) => (JSON.parse(stdout) as Task[]).map((task) => task.id)

describe('tasks (sandbox)', () => {
  const home = new CommandHome()
  const close = (...args: string[]) => home.run([...args, '--sandbox'])
  let leadId: string
  let me: string

  before(async () => {
    const leads = await close('leads', 'list', '--limit', '1', '--json')
    expect(leads.exitCode, leads.stderr).to.equal(0)
    leadId = (JSON.parse(leads.stdout) as Array<{id: string}>)[0].id
    const user = await close('users', 'me', '--json')
    expect(user.exitCode, user.stderr).to.equal(0)
    me = (JSON.parse(user.stdout) as {id: string}).id
  })

  after(() => home.remove())

  describe("a rep's to-dos: create, find in the inbox, complete, archive", () => {
    let first: Task
    let second: Task

    it('creates a task due today, assigned to me by default', async () => {
      const result = await close('tasks', 'create', '--lead', leadId, '--text', 'Call back about pricing', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stderr).to.equal('')
      first = JSON.parse(result.stdout) as Task
      expect(first.id).to.match(/^task_/)
      expect(first).to.include({
        _type: 'lead',
        assigned_to: me,
        date: day(0),
        is_complete: false,
        lead_id: leadId,
        text: 'Call back about pricing',
        view: 'inbox',
      })
    })

    it('creates another with a relative due date and an assignee by email, via the add alias', async () => {
      const email = await close('users', 'me', '--fields', 'email', '-o', 'tsv')
      const result = await close(
        'tasks',
        'add',
        '--lead',
        leadId,
        '--text',
        'Send the contract',
        '--due',
        'yesterday',
        '--assignee',
        email.stdout.trim(),
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      second = JSON.parse(result.stdout) as Task
      expect(second).to.include({assigned_to: me, date: day(-1), view: 'inbox'})
    })

    it('both are in my inbox (the default list) and in the lead’s tasks', async () => {
      const inbox = await close('tasks', 'list', '--all', '--json')
      expect(inbox.exitCode, inbox.stderr).to.equal(0)
      expect(ids(inbox.stdout)).to.include.members([first.id, second.id])
      const forLead = await close('tasks', 'ls', '--lead', leadId, '--fields', 'id,text', '-o', 'tsv')
      expect(forLead.stdout).to.contain(`${first.id}\tCall back about pricing\n`)
      expect(forLead.stdout).to.contain(`${second.id}\tSend the contract\n`)
    })

    it('gets one back', async () => {
      const result = await close('tasks', 'view', first.id, '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.deep.equal(first)
    })

    it('completes both at once and prints them as they now are', async () => {
      const result = await close('tasks', 'done', first.id, second.id, '--fields', 'id,is_complete,view', '-o', 'tsv')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(result.stdout).to.equal(`${first.id}\ttrue\tarchive\n${second.id}\ttrue\tarchive\n`)
      expect(result.stderr).to.equal('Completed 2 tasks.\n')
    })

    it('done tasks are in the archive view, no longer in the inbox', async () => {
      const archive = await close('tasks', 'list', '--lead', leadId, '--view', 'archive', '--all', '--json')
      expect(archive.exitCode, archive.stderr).to.equal(0)
      expect(ids(archive.stdout)).to.include.members([first.id, second.id])
      const inbox = await close('tasks', 'list', '--all', '--json')
      expect(ids(inbox.stdout)).not.to.include(first.id)
      expect(ids(inbox.stdout)).not.to.include(second.id)
    })

    it('reopens one and moves it to the future view by its due date', async () => {
      const result = await close(
        'tasks',
        'edit',
        first.id,
        '--no-complete',
        '--due',
        '+2d',
        '--text',
        'Call back (2)',
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.include({
        date: day(2),
        is_complete: false,
        text: 'Call back (2)',
        view: 'future',
      })
      const future = await close('tasks', 'list', '--view', 'future', '--assignee', me, '--all', '--json')
      expect(ids(future.stdout)).to.include(first.id)
    })

    it('deletes with --yes; then it is gone (exit 5)', async () => {
      const refused = await close('tasks', 'delete', first.id)
      expect(refused.exitCode).to.equal(2)
      expect(refused.stderr).to.contain('pass --yes to confirm')

      const deleted = await close('tasks', 'rm', first.id, '--yes')
      expect(deleted.exitCode, deleted.stderr).to.equal(0)
      expect(deleted.stdout).to.equal('')
      expect(deleted.stderr).to.match(/^Deleted task "Call back \(2\) — .+" \(task_\w+\)\.\n$/)
      const gone = await close('tasks', 'get', first.id)
      expect(gone.exitCode).to.equal(5)
      expect(gone.stderr).to.contain(`No task with ID ${first.id}.`)
    })

    it('completing an unknown ID with a known one completes the known one and exits 5', async () => {
      const result = await close('tasks', 'done', second.id, NO_SUCH_TASK, '--json')
      expect(result.exitCode).to.equal(5)
      expect(result.stdout).to.equal('')
      const [message] = result.stderr.split('\n')
      expect(message).to.equal(`Error: No task with ID ${NO_SUCH_TASK}; completed ${second.id}.`)
    })
  })

  describe('errors', () => {
    it('off a terminal, missing --lead and --text exit 2 naming both', async () => {
      const result = await close('tasks', 'create', '--due', 'tomorrow')
      expect(result.exitCode).to.equal(2)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: Missing --lead, --text.\n  Not running on a terminal, so nothing is asked: pass --lead and --text.\n',
      )
    })

    it('a due date it cannot read and an unknown assignee exit 2 naming the flag', async () => {
      const due = await close('tasks', 'create', '--lead', leadId, '--text', 'x', '--due', 'someday')
      expect(due.exitCode).to.equal(2)
      expect(due.stderr).to.contain('Error: --due "someday" is not a date.')
      const who = await close('tasks', 'list', '--assignee', 'nobody@nowhere.example')
      expect(who.exitCode).to.equal(5)
      expect(who.stderr).to.contain(
        'Error: No user matches "nobody@nowhere.example" in this organization (--assignee).',
      )
    })

    it("Close's field errors name the flag to fix (exit 3)", async () => {
      const result = await close('tasks', 'create', '--lead', NO_SUCH_LEAD, '--text', 'x')
      expect(result.exitCode).to.equal(3)
      expect(result.stderr).to.equal(
        'Error: Close rejected the task: lead: Object does not exist (--lead).\n  Fix --lead and try again.\n',
      )
    })

    it('an unknown ID exits 5 on get, update and delete', async () => {
      for (const args of [
        ['get', NO_SUCH_TASK],
        ['update', NO_SUCH_TASK, '--text', 'x'],
        ['delete', NO_SUCH_TASK, '--yes'],
      ]) {
        const result = await close('tasks', ...args)
        expect(result.exitCode, args.join(' ')).to.equal(5)
        expect(result.stderr).to.contain(`No task with ID ${NO_SUCH_TASK}.`)
      }
    })
  })

  describe('wrong input spawns nothing', () => {
    const log = join(home.dir, 'membrane-argv.log')
    const fake = (...args: string[]) =>
      home.run(args, {
        CLOSE_CONNECTION_ID: '6eaac8d82f01b7210760474f',
        CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
        FAKE_MEMBRANE_LOG: log,
      })

    it('an ID of the wrong kind, an empty update or a bad view exits 2 before any process', async () => {
      const cases: Array<[string[], string]> = [
        [['tasks', 'get', NO_SUCH_LEAD], `${NO_SUCH_LEAD} in ID is a lead ID, but a task is needed.`],
        [['tasks', 'done', NO_SUCH_TASK, NO_SUCH_LEAD], `${NO_SUCH_LEAD} in ID is a lead ID, but a task is needed.`],
        [
          ['tasks', 'list', '--lead', 'user_0000000000000000000000'],
          'user_0000000000000000000000 in --lead is a user ID',
        ],
        [
          ['tasks', 'create', '--lead', leadId, '--text', 'x', '--assignee', NO_SUCH_LEAD],
          'in --assignee is a lead ID',
        ],
        [['tasks', 'update', NO_SUCH_TASK], 'Nothing to update: give at least one field to change.'],
        [['tasks', 'list', '--view', 'someday'], 'Expected --view=someday to be one of: inbox, future, archive'],
        [['tasks', 'delete', NO_SUCH_TASK], 'Refusing to delete without confirmation.'],
      ]
      for (const [args, message] of cases) {
        const result = await fake(...args)
        expect(result.exitCode, args.join(' ')).to.equal(2)
        expect(result.stderr, args.join(' ')).to.contain(message)
      }

      expect(existsSync(log), 'membrane was started').to.equal(false)
    })

    it('tasks done completes several in one bulk request', async () => {
      const other = 'task_1111111111111111111111'
      await fake('tasks', 'done', NO_SUCH_TASK, other, '--debug')
      const argvs = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []
      const puts = argvs.map((line) => JSON.parse(line) as string[]).filter((argv) => argv.includes('--method=PUT'))
      expect(puts).to.have.length(1)
      expect(puts[0]).to.include.members([
        'request',
        '/task/',
        `--query=id__in=${NO_SUCH_TASK},${other}`,
        '--data={"is_complete":true}',
      ])
    })
  })
})
