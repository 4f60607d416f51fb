import {expect} from 'chai'
import {mkdirSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'

import {handleCloseRequest, openStore, seedSandbox} from '../../../src/sandbox/close/index.js'
import {IdIndex, keepParsedFiles} from '../../../src/sandbox/close/store.js'
import {type Body, removeTempDirs, tempDir, TODAY} from './helpers.js'

/** The files under `dir` whose path matches `pattern`. */
function findFiles(dir: string, pattern: RegExp): string[] {
  return (readdirSync(dir, {recursive: true}) as string[])
    .map((name) => join(dir, name))
    .filter((file) => pattern.test(file))
}

/** A 5-lead sandbox with parsed files kept: its chunk 0 as a read returns it, and how to read it again. */
async function keptChunk() {
  keepParsedFiles()
  const dir = tempDir()
  await seedSandbox(dir, {leads: 5, today: TODAY})
  const store = await openStore(dir)
  const read = () => store.read(async (txn) => (await txn.chunk(0)).data)
  return {dir, first: await read(), read}
}

describe('sandbox Close emulator: store', () => {
  after(removeTempDirs)

  it('loses no write when two stores on the same directory write at once', async () => {
    const dir = tempDir()
    await seedSandbox(dir, {leads: 20, today: TODAY})
    const [a, b] = await Promise.all([openStore(dir), openStore(dir)])
    const creates = Array.from({length: 12}, (_, i) =>
      handleCloseRequest(i % 2 ? a : b, {body: {name: `Parallel ${i}`}, method: 'POST', path: '/lead/', query: []}),
    )
    const responses = await Promise.all(creates)
    expect(responses.map((r) => r.status)).to.deep.equal(Array.from({length: 12}, () => 200))
    const fresh = await openStore(dir)
    const list = (await handleCloseRequest(fresh, {method: 'GET', path: '/lead/', query: [['query', 'Parallel']]}))
      .body as Body
    expect(list.total_results).to.equal(12)
    for (const response of responses) {
      const got = await handleCloseRequest(fresh, {
        method: 'GET',
        path: `/lead/${(response.body as Body).id}/`,
        query: [],
      })
      expect(got.status).to.equal(200)
    }
  })

  it('takes over a lock left by a process that is gone', async () => {
    const dir = tempDir()
    await seedSandbox(dir, {leads: 5, today: TODAY})
    mkdirSync(join(dir, '.lock'))
    writeFileSync(join(dir, '.lock', 'owner'), '999999999')
    const store = await openStore(dir)
    const response = await handleCloseRequest(store, {
      body: {name: 'After a crash'},
      method: 'POST',
      path: '/lead/',
      query: [],
    })
    expect(response.status).to.equal(200)
    expect(readdirSync(dir)).to.not.include('.lock')
  })

  it('leaves no temp files behind and writes valid JSON', async () => {
    const dir = tempDir()
    await seedSandbox(dir, {leads: 30, today: TODAY})
    const store = await openStore(dir)
    await handleCloseRequest(store, {body: {name: 'Written'}, method: 'POST', path: '/lead/', query: []})
    const {generation} = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'))
    for (const sub of ['chunks', 'index']) {
      const names = readdirSync(join(dir, generation, sub))
      expect(names.filter((n) => n.endsWith('.tmp'))).to.deep.equal([])
      for (const name of names.filter((n) => n.endsWith('.json'))) {
        expect(() => JSON.parse(readFileSync(join(dir, generation, sub, name), 'utf8')), name).to.not.throw()
      }
    }
  })

  it('IdIndex finds IDs on the first, middle and last line, from bytes or after changes', () => {
    const content = 'lead_A 0\nlead_AB 1\nxlead_B 9\nlead_B 2\n'
    for (const index of [new IdIndex(Buffer.from(content)), new IdIndex(content)]) {
      expect(index.get('lead_A')).to.equal(0)
      expect(index.get('lead_AB')).to.equal(1)
      expect(index.get('lead_B'), 'matches whole lines only').to.equal(2)
      expect(index.get('lead_C')).to.equal(undefined)
      expect(index.page(1, 2)).to.deep.equal({
        entries: [
          ['lead_AB', 1],
          ['xlead_B', 9],
        ],
        total: 4,
      })
    }

    const index = new IdIndex(Buffer.from(content))
    index.prepend('lead_Z', 5)
    index.add('lead_Y', 6)
    index.remove(['lead_AB', 'lead_missing'])
    expect(index.dirty).to.equal(true)
    expect(index.serialize()).to.equal('lead_Z 5\nlead_A 0\nxlead_B 9\nlead_B 2\nlead_Y 6\n')
    expect(index.get('lead_Y')).to.equal(6)
    expect(index.get('lead_AB')).to.equal(undefined)
  })

  it('names the file and the fix when the data is corrupt', async () => {
    const dir = tempDir()
    writeFileSync(join(dir, 'meta.json'), '{not json')
    let message = ''
    try {
      await openStore(dir)
    } catch (error) {
      message = (error as Error).message
    }

    expect(message).to.include(join(dir, 'meta.json'))
    expect(message).to.include('close sandbox reset')
  })

  describe('parsed files kept between requests (keepParsedFiles, for in-process hosts)', () => {
    after(() => keepParsedFiles())

    it('reads share one frozen copy; a write parses its own; a read after a write sees it', async () => {
      keepParsedFiles()
      const dir = tempDir()
      await seedSandbox(dir, {leads: 20, today: TODAY})
      const [reader, writer] = await Promise.all([openStore(dir), openStore(dir)])
      const first = await reader.read(async (txn) => (await txn.chunk(0)).data)
      const again = await reader.read(async (txn) => (await txn.chunk(0)).data)
      expect(again).to.equal(first)
      expect(() => {
        first.leads[0].name = 'Changed by a read'
      }).to.throw(TypeError)
      expect(await writer.write(async (txn) => Object.isFrozen((await txn.chunk(0)).data))).to.equal(false)

      const {id} = first.leads[0]
      const put = await handleCloseRequest(writer, {
        body: {name: 'Renamed'},
        method: 'PUT',
        path: `/lead/${id}/`,
        query: [],
      })
      expect(put.status).to.equal(200)
      const got = await handleCloseRequest(reader, {method: 'GET', path: `/lead/${id}/`, query: []})
      expect((got.body as Body).display_name).to.equal('Renamed')
    })

    it('a kept file changed in place (same inode, other bytes) is parsed again', async () => {
      const {dir, first: before, read} = await keptChunk()
      const [file] = findFiles(dir, /chunks\/00000\.json$/)
      const data = JSON.parse(readFileSync(file!, 'utf8')) as {leads: Array<{name: string}>}
      data.leads[0]!.name = 'Changed in place'
      const {ino} = statSync(file!)
      writeFileSync(file!, JSON.stringify(data))
      expect(statSync(file!).ino).to.equal(ino)
      const after = await read()
      expect(after).to.not.equal(before)
      expect(after.leads[0]!.name).to.equal('Changed in place')
    })

    it('keeps no more than its limit, from the moment the limit is lowered', async () => {
      const {first: kept, read} = await keptChunk()
      keepParsedFiles(1)
      const first = await read()
      expect(first).to.not.equal(kept)
      expect(await read()).to.not.equal(first)
    })
  })
})
