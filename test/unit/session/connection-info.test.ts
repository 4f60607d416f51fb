import {expect} from 'chai'

import type {MembraneConnection} from '../../../src/membrane/types.js'

import {
  authUrlOf,
  closeConnections,
  isCloseApp,
  isCloseConnection,
  isReady,
  label,
  stateOf,
} from '../../../src/session/connection-info.js'

const conn = (fields: Partial<MembraneConnection>): MembraneConnection => ({id: 'c1', name: 'x', ...fields})

describe('session/connection-info', () => {
  describe('isCloseConnection', () => {
    it('matches on the integration or connector key/name', () => {
      expect(isCloseConnection(conn({integration: {key: 'close'}}))).to.equal(true)
      expect(isCloseConnection(conn({integration: {name: 'Close CRM'}}))).to.equal(true)
      expect(isCloseConnection(conn({integrationKey: 'closeio'}))).to.equal(true)
      expect(isCloseConnection(conn({connector: {key: 'close', name: 'Close'}}))).to.equal(true)
    })

    it('does not take look-alike apps (Closeio Forms, CloseBot) or other apps', () => {
      expect(isCloseConnection(conn({integration: {key: 'closeio-forms', name: 'Closeio Forms'}}))).to.equal(false)
      expect(isCloseConnection(conn({integration: {key: 'closebot', name: 'CloseBot'}}))).to.equal(false)
      expect(isCloseConnection(conn({integration: {key: 'hubspot', name: 'HubSpot'}, name: 'Close deals'}))).to.equal(
        false,
      )
    })

    it('falls back on the connection name or key when Membrane gives no app info', () => {
      expect(isCloseConnection(conn({name: 'Close (Acme Demo)'}))).to.equal(true)
      expect(isCloseConnection(conn({key: 'close', name: 'Sales'}))).to.equal(true)
      expect(isCloseConnection(conn({name: 'Closeio Forms'}))).to.equal(false)
      expect(isCloseConnection(conn({name: 'Close Forms'}))).to.equal(false)
      expect(isCloseConnection(conn({name: 'HubSpot'}))).to.equal(false)
    })

    it('filters a list in order', () => {
      const list = [conn({id: 'a', integration: {key: 'hubspot'}}), conn({id: 'b', integration: {key: 'close'}})]
      expect(closeConnections(list).map((c) => c.id)).to.deep.equal(['b'])
    })

    it('isCloseApp accepts close, Close, closeio, Close CRM only', () => {
      for (const yes of ['close', 'Close', 'closeio', 'close.io', 'Close CRM', 'close-crm'])
        expect(isCloseApp(yes), yes).to.equal(true)
      for (const no of ['closeio-forms', 'CloseBot', 'enclose', 'closed']) expect(isCloseApp(no), no).to.equal(false)
    })
  })

  describe('isReady / stateOf', () => {
    it('READY and not disconnected is ready', () => {
      expect(isReady(conn({state: 'READY'}))).to.equal(true)
      expect(isReady(conn({state: 'ready'}))).to.equal(true)
      expect(isReady(conn({disconnected: true, state: 'READY'}))).to.equal(false)
      expect(stateOf(conn({disconnected: true, state: 'READY'}))).to.equal('DISCONNECTED')
    })

    it('any other state, known or not, is not ready', () => {
      for (const state of ['CLIENT_ACTION_REQUIRED', 'BUILDING', 'SETUP_FAILED', 'DISCONNECTED', 'SOMETHING_NEW']) {
        expect(isReady(conn({state})), state).to.equal(false)
        expect(stateOf(conn({state}))).to.equal(state)
      }
    })

    it('without a state: ready unless disconnected, asking for an action, or in error', () => {
      expect(isReady(conn({}))).to.equal(true)
      expect(stateOf(conn({}))).to.equal('READY')
      expect(isReady(conn({disconnected: false}))).to.equal(true)
      expect(isReady(conn({disconnected: true}))).to.equal(false)
      expect(stateOf(conn({disconnected: true}))).to.equal('DISCONNECTED')
      expect(isReady(conn({clientAction: {type: 'connect'}}))).to.equal(false)
      expect(stateOf(conn({clientAction: {type: 'connect'}}))).to.equal('UNKNOWN')
      expect(isReady(conn({error: {message: 'x'}}))).to.equal(false)
    })
  })

  it('authUrlOf reads clientAction.uiUrl, then url', () => {
    expect(authUrlOf(conn({clientAction: {uiUrl: 'https://a'}}))).to.equal('https://a')
    expect(authUrlOf(conn({url: 'https://b'}))).to.equal('https://b')
    expect(authUrlOf(conn({}))).to.equal(undefined)
  })

  it('label quotes the name and shows the ID', () => {
    expect(label({id: 'c1', name: 'Close (Acme)'})).to.equal('"Close (Acme)" (c1)')
    expect(label({id: 'c1'})).to.equal('c1')
    expect(label({id: 'c1', name: 'c1'})).to.equal('c1')
  })
})
