import { expect } from '@open-wc/testing';
import type { ConnectionState } from 'convex/browser';
import { connectionStatus } from './connection.js';

const state = (overrides: Partial<ConnectionState>): ConnectionState => ({
  hasInflightRequests: false,
  isWebSocketConnected: false,
  timeOfOldestInflightRequest: null,
  hasEverConnected: false,
  connectionCount: 0,
  connectionRetries: 0,
  inflightMutations: 0,
  inflightActions: 0,
  ...overrides,
});

describe('connectionStatus', () => {
  it('maps the Convex client state to what people are shown', () => {
    expect(connectionStatus(state({}), true)).to.equal('connecting');
    expect(connectionStatus(state({ isWebSocketConnected: true, hasEverConnected: true }), true)).to.equal('connected');
    expect(connectionStatus(state({ hasEverConnected: true, connectionRetries: 1 }), true)).to.equal('reconnecting');
    expect(connectionStatus(state({ connectionRetries: 3 }), true), 'never reached').to.equal('offline');
    expect(connectionStatus(state({ isWebSocketConnected: true }), false), 'browser offline').to.equal('offline');
  });
});
