/**
 * All-or-nothing commits and a serialised reset (issue 14): a create killed at every point of its
 * commit leaves the store either as it was or with the whole lead, and no temp files once the next
 * command ran; creates racing a `sandbox reset` are each either wiped by it or kept after it, in
 * one order, and the reset never fails. The kill points run in this process (crashAt), the first and
 * last of them again in a real process SIGKILLed there (the test-only fault wrapper; needs a build).
 */
import {expect} from 'chai'
import {execa} from 'execa'
import {existsSync, readdirSync} from 'node:fs'
import {join} from 'node:path'

import {handleCloseRequest, openStore, seedSandbox} from '../../../src/sandbox/close/index.js'
import {resetSandbox, SANDBOX_CONNECTION_ID} from '../../../src/sandbox/index.js'
import {crashAt} from '../../fixtures/sandbox-faults/faults.mjs'
import {ROOT} from '../../helpers/root.js'
import {type Body, removeTempDirs, tempDir, TODAY} from './helpers.js'

const FAULTS_BIN = join(ROOT, 'test', 'fixtures', 'sandbox-faults', 'membrane-sandbox-faults')
const BIN = join(ROOT, 'bin', 'membrane-sandbox.js')

/** The sandbox's argv for creating lead `name` with one contact, Kim Killed. */
function createArgv(name: string): string[] {
  const body = JSON.stringify({contacts: [{emails: [{email: 'kim@killed.example'}], name: 'Kim Killed'}], name})
  return ['request', SANDBOX_CONNECTION_ID, '/lead/', '-X', 'POST', '-d', body]
}

function create(dir: string, name: string, env: Record<string, string> = {}, bin = FAULTS_BIN) {
  return execa('node', [bin, ...createArgv(name)], {
    env: {CLOSE_SANDBOX_DIR: dir, ...env},
    reject: false,
  })
}

/** The same create in this process, every file-system change from the n-th on refused (crashAt). */
async function createInProcess(dir: string, name: string, n: number) {
  const {main} = await import('../../../src/sandbox/main.js')
  let stdout = ''
  let exitCode: number | undefined
  const crash = crashAt(n)
  try {
    const io = {
      stderr() {},
      stdinIsTTY: false,
      stdout(text: string) {
        stdout += text
      },
    }
    exitCode = await main(createArgv(name), io, {...process.env, CLOSE_SANDBOX_DIR: dir})
  } catch {
    // The refused change surfaced as an exception: the "process" is dead either way.
  } finally {
    crash.restore(dir)
  }

  return {changes: crash.changes, crashed: crash.crashed, exitCode, stdout}
}

async function allLeads(dir: string): Promise<Body[]> {
  const store = await openStore(dir)
  const leads: Body[] = []
  for (let skip = 0; ; skip += 200) {
    const page = (
      await handleCloseRequest(store, {
        method: 'GET',
        path: '/lead/',
        query: [
          ['_skip', String(skip)],
          ['_limit', '200'],
        ],
      })
    ).body as Body
    leads.push(...page.data)
    if (!page.has_more) return leads
  }
}

/** Nothing but meta.json, the Membrane state and one generation: no temp file, lock or orphan generation. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter(
    (name) => !['membrane-state.json', 'meta.json'].includes(name) && !name.startsWith('.sandbox'),
  )
}

/** What a writer killed before its n-th change left: the old store, or it plus the whole lead. */
async function expectWholeOrNothing(dir: string, before: string[], name: string, n: number): Promise<void> {
  const leads = await allLeads(dir) // opening the store sweeps what the killed writer left
  expect(leftovers(dir), `after a kill at change ${n}`).to.have.length(1)
  expect(leftovers(dir)[0]).to.match(/^data-/)
  const ids = leads.map((l) => l.id)
  expect(ids.filter((id) => before.includes(id))).to.deep.equal(before)
  const added = leads.filter((l) => !before.includes(l.id))
  if (added.length === 0) return
  // Killed after the commit point: the lead is whole, findable by ID, with its contact.
  expect(added.map((l) => l.name)).to.deep.equal([name])
  const store = await openStore(dir)
  const lead = (await handleCloseRequest(store, {method: 'GET', path: `/lead/${added[0].id}/`, query: []})).body as Body
  expect(lead.contacts.map((c: Body) => c.name)).to.deep.equal(['Kim Killed'])
  const contact = await handleCloseRequest(store, {method: 'GET', path: `/contact/${lead.contacts[0].id}/`, query: []})
  expect(contact.status).to.equal(200)
  await handleCloseRequest(store, {method: 'DELETE', path: `/lead/${added[0].id}/`, query: []})
}

describe('sandbox Close emulator: integrity under kill -9 and reset', function () {
  this.timeout(240_000)

  after(removeTempDirs)

  before(() => {
    if (!existsSync(join(ROOT, 'dist', 'sandbox', 'main.js'))) throw new Error('build first: npm run build')
  })

  it('a create killed at any point of its commit leaves the old store or the whole new lead', async () => {
    // Every change point in this process (crashAt: no change after it reaches the disk, the lock's
    // owner gone), then two of them again with a real SIGKILL.
    const dir = tempDir()
    await seedSandbox(dir, {leads: 5, today: TODAY})
    const before = (await allLeads(dir)).map((l) => l.id)
    const points: number[] = []
    for (let n = 1; n < 200; n++) {
      const run = await createInProcess(dir, `Killed ${n}`, n)
      if (!run.crashed) {
        // Not stopped: the create ran to the end, so every change point was tried.
        expect(run.exitCode).to.equal(0)
        const leads = await allLeads(dir)
        const added = leads.filter((l) => !before.includes(l.id))
        expect(added.map((l) => l.name)).to.deep.equal([`Killed ${n}`])
        expect((JSON.parse(run.stdout) as Body).id).to.equal(added[0].id)
        await handleCloseRequest(await openStore(dir), {method: 'DELETE', path: `/lead/${added[0].id}/`, query: []})
        break
      }

      points.push(n)
      await expectWholeOrNothing(dir, before, `Killed ${n}`, n)
    }

    expect(points.length).to.be.greaterThan(10)
    expect(existsSync(join(dir, '.lock'))).to.equal(false)
    // For real: each create on a freshly seeded store, killed before its middle and its last change.
    const fresh = tempDir()
    await seedSandbox(fresh, {leads: 5, today: TODAY})
    const {changes} = await createInProcess(fresh, 'Counting', 0)
    for (const n of [Math.ceil(changes / 2), changes]) {
      const real = tempDir()
      await seedSandbox(real, {leads: 5, today: TODAY})
      const seeded = (await allLeads(real)).map((l) => l.id)
      const run = await create(real, `Killed for real ${n}`, {SANDBOX_FAULTS_KILL_AT: String(n)})
      expect(run.signal, `kill at change ${n} of ${changes}: ${run.stderr}`).to.equal('SIGKILL')
      await expectWholeOrNothing(real, seeded, `Killed for real ${n}`, n)
    }
  })

  it('reset while creates run: no failure, and each create is wiped by the reset or kept after it', async () => {
    const dir = tempDir()
    await seedSandbox(dir, {leads: 40, today: TODAY})
    const creates = Array.from({length: 12}, (_, i) => create(dir, `Racer ${i}`, {}, BIN))
    // The reset starts once the first create is through, so the others are in flight around it.
    const reset = Promise.race(creates).then(() => resetSandbox(dir, {leads: 30, today: TODAY}))
    const [runs, counts] = await Promise.all([Promise.all(creates), reset])
    expect(counts.leads).to.equal(30)
    for (const run of runs) expect(run.exitCode, run.stderr).to.equal(0)
    const printed = runs.map((r) => JSON.parse(r.stdout) as Body)
    const leads = await allLeads(dir)
    const ids = new Set(leads.map((l) => l.id))
    const kept = printed.filter((p) => ids.has(p.id))
    const wiped = printed.filter((p) => !ids.has(p.id))
    expect(leads).to.have.length(30 + kept.length)
    // One order: every create the reset wiped came before every create it kept.
    const lastWiped =
      wiped
        .map((p) => p.date_created)
        .sort()
        .at(-1) ?? ''
    for (const p of kept) expect(p.date_created > lastWiped, `${p.name} kept but older than a wiped one`).to.equal(true)
    expect(leftovers(dir)).to.have.length(1)
  })
})
