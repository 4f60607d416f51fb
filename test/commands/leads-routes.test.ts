/**
 * The two data routes of design §7 for the lead, contact-less user and delete commands, proven
 * against the fake `membrane` (test/fixtures/bin/membrane-fake): `actions-only` answers actions but
 * has no `request`, `proxy-only` has no actions but proxies Close. Each test reads the argv log the
 * fake writes, so it asserts which route was taken and that wrong input spawns nothing.
 *
 */
import {expect} from 'chai'
import {existsSync, readFileSync, rmSync} from 'node:fs'
import {join} from 'node:path'

import {CommandHome, FAKE_BIN_DIR} from '../helpers/run-command.js'

const CONNECTION = '6eaac8d82f01b7210760474f' // the fake's Close connection
const LEAD = 'lead_YBEldzFN1XdtXNMPqAXiuF' // first lead of test/fixtures/membrane/leads.json
const ME = 'user_FmErxTM1cHho4PAAANvkYf' // test/fixtures/membrane/me.json
const ACTION = {
  createLead: 'c826a6fce48478dcb74f2134',
  getLead: '73c8eb5bb682575ec87a171a',
  getUser: 'f78df0cac5e40c02d4e518ca',
  updateLead: '5d2cce8038a39d5e0853964b',
}

function fakeHome(scenario: string) {
  const home = new CommandHome()
  const log = join(home.dir, 'membrane-argv.log')
  return {
    home,
    run: (...args: string[]) =>
      home.run(args, {
        CLOSE_CONNECTION_ID: CONNECTION,
        CLOSE_MEMBRANE_BIN: join(FAKE_BIN_DIR, 'membrane-fake'),
        FAKE_MEMBRANE_LOG: log,
        FAKE_MEMBRANE_SCENARIO: scenario,
      }),
    /** The argv of every membrane process since the last call, then forget them. */
    spawned(): string[][] {
      if (!existsSync(log)) return []
      const lines = readFileSync(log, 'utf8').trim().split('\n').filter(Boolean)
      rmSync(log)
      return lines.map((line) => JSON.parse(line) as string[])
    },
  }
}

const runs = (argvs: string[][]) => argvs.filter((argv) => argv[0] === 'action' && argv[1] === 'run')
const requests = (argvs: string[][]) => argvs.filter((argv) => argv[0] === 'request')
/** `membrane request` argv → [path, --method=…, --data=… or undefined]. */
const pathMethodData = (argv: string[]) => [argv[2], argv[3], argv.find((arg) => arg.startsWith('--data='))]

describe('lead and user routes through the fake membrane', () => {
  describe('actions only (no proxy)', () => {
    const fake = fakeHome('actions-only')

    after(() => fake.home.remove())

    it('leads create runs create-lead with the body as input; warm, it is one process', async () => {
      const result = await fake.run('leads', 'create', '--name', 'Fake Co', '--url', 'https://fake.example', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.include({
        display_name: 'Fake Co',
        name: 'Fake Co',
        url: 'https://fake.example',
      })
      const spawned = fake.spawned()
      expect(requests(spawned)).to.deep.equal([])
      expect(runs(spawned)).to.deep.equal([
        [
          'action',
          'run',
          ACTION.createLead,
          `--connectionId=${CONNECTION}`,
          '--input={"name":"Fake Co","url":"https://fake.example"}',
          '--json',
        ],
      ])

      const warm = await fake.run('leads', 'create', '--name', 'Fake Co 2', '--json')
      expect(warm.exitCode, warm.stderr).to.equal(0)
      expect(fake.spawned()).to.have.length(1)
    })

    it('leads update runs update-lead with only the changed fields and the ID', async () => {
      const result = await fake.run('leads', 'update', LEAD, '--name', 'Renamed Co', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.include({id: LEAD, name: 'Renamed Co'})
      const spawned = fake.spawned()
      expect(requests(spawned)).to.deep.equal([])
      expect(runs(spawned).map((argv) => argv.slice(2, 5))).to.deep.equal([
        [ACTION.updateLead, `--connectionId=${CONNECTION}`, `--input={"name":"Renamed Co","id":"${LEAD}"}`],
      ])
    })

    it('users get runs get-user', async () => {
      const result = await fake.run('users', 'get', ME, '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.include({email: 'dana@northwind-demo.example', id: ME})
      expect(runs(fake.spawned()).map((argv) => argv[2])).to.deep.equal([ACTION.getUser])
    })

    it('leads delete needs the proxy (Close has no delete action): a Membrane without it fails with exit 3', async () => {
      const result = await fake.run('leads', 'delete', LEAD, '--yes')
      expect(result.exitCode).to.equal(3)
      expect(result.stdout).to.equal('')
      // Neither `request` nor `act --api` (generation B) is known: the message says so, with the update command.
      expect(result.stderr).to.match(
        /^Error: This Membrane CLI knows neither `request` \(generation A\) nor `act --api`/,
      )
      expect(result.stderr).to.include('npm install -g @membranehq/cli@latest')
      const spawned = fake.spawned()
      expect(runs(spawned).map((argv) => argv[2])).to.deep.equal([ACTION.getLead])
      expect(requests(spawned)).to.deep.equal([['request', CONNECTION, `/lead/${LEAD}/`, '--method=DELETE']])
    })

    it('wrong input spawns nothing', async () => {
      for (const args of [
        ['leads', 'create', '--url', 'https://x.example'],
        ['leads', 'update', 'user_8dWqYqDz3mTBxqZ2Y0n7kA', '--name', 'X'],
        ['leads', 'delete', LEAD],
        ['contacts', 'get', LEAD],
        ['users', 'get', LEAD],
      ]) {
        const result = await fake.run(...args)
        expect(result.exitCode, args.join(' ')).to.equal(2)
        expect(fake.spawned(), args.join(' ')).to.deep.equal([])
      }
    })
  })

  describe('proxy only (no actions)', () => {
    const fake = fakeHome('proxy-only')

    after(() => fake.home.remove())

    it('leads create POSTs /lead/ with the body', async () => {
      const result = await fake.run(
        'leads',
        'create',
        '--name',
        'Fake Co',
        '--contact',
        'Jane Doe <jane@fake.example>',
        '--country',
        'gb',
        '--json',
      )
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.include({name: 'Fake Co'})
      const spawned = fake.spawned()
      expect(runs(spawned)).to.deep.equal([])
      const [post] = requests(spawned)
      expect(post.slice(0, 5)).to.deep.equal([
        'request',
        CONNECTION,
        '/lead/',
        '--method=POST',
        '--header=Content-Type: application/json',
      ])
      expect(JSON.parse(post[5].slice('--data='.length))).to.deep.equal({
        addresses: [{country: 'GB', label: 'business'}],
        contacts: [{emails: [{email: 'jane@fake.example', type: 'office'}], name: 'Jane Doe'}],
        name: 'Fake Co',
      })
      expect(requests(spawned)).to.have.length(1)
    })

    it('leads get, update and delete go to /lead/{id}/', async () => {
      const get = await fake.run('leads', 'get', LEAD, '--json')
      expect(get.exitCode, get.stderr).to.equal(0)
      expect(JSON.parse(get.stdout)).to.include({id: LEAD})

      const update = await fake.run('leads', 'update', LEAD, '--description', 'Moved', '--json')
      expect(update.exitCode, update.stderr).to.equal(0)
      expect(JSON.parse(update.stdout)).to.include({description: 'Moved', id: LEAD})

      const remove = await fake.run('leads', 'delete', LEAD, '--yes')
      expect(remove.exitCode, remove.stderr).to.equal(0)
      expect(remove.stderr).to.match(new RegExp(`^Deleted lead ".+" \\(${LEAD}\\)\\.\\n$`))

      const spawned = fake.spawned()
      expect(runs(spawned)).to.deep.equal([])
      expect(requests(spawned).map((argv) => pathMethodData(argv))).to.deep.equal([
        [`/lead/${LEAD}/`, '--method=GET', undefined],
        [`/lead/${LEAD}/`, '--method=PUT', '--data={"description":"Moved"}'],
        [`/lead/${LEAD}/`, '--method=GET', undefined],
        [`/lead/${LEAD}/`, '--method=DELETE', undefined],
      ])
    })

    it('an unknown lead exits 5', async () => {
      const result = await fake.run('leads', 'update', 'lead_0000000000000000000000', '--name', 'X')
      expect(result.exitCode).to.equal(5)
      expect(result.stderr).to.equal(
        'Error: No lead with ID lead_0000000000000000000000.\n  Check the ID; `close leads list` shows existing leads.\n',
      )
      expect(requests(fake.spawned()).map((argv) => argv.slice(2, 4))).to.deep.equal([
        ['/lead/lead_0000000000000000000000/', '--method=PUT'],
      ])
    })

    it('users me GETs /me/', async () => {
      const result = await fake.run('users', 'me', '--json')
      expect(result.exitCode, result.stderr).to.equal(0)
      expect(JSON.parse(result.stdout)).to.include({id: ME})
      expect(requests(fake.spawned()).map((argv) => argv.slice(2, 4))).to.deep.equal([['/me/', '--method=GET']])
    })
  })

  describe("Close's field errors through either route", () => {
    const fake = fakeHome('close-400-field-errors')

    after(() => fake.home.remove())

    it('name the field and the flag to fix, exit 3', async () => {
      const result = await fake.run('leads', 'create', '--name', 'X')
      expect(result.exitCode).to.equal(3)
      expect(result.stdout).to.equal('')
      expect(result.stderr).to.equal(
        'Error: Close rejected the lead: name: This field is required (--name); status: Not a valid choice (--status).\n' +
          '  Fix --name, --status and try again.\n',
      )
    })
  })
})
