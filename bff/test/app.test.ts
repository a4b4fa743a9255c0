import request from 'supertest';
import { buildApp } from '../src/app';
import { createTestDeps, type TestDeps } from './support/deps';

describe('app wiring', () => {
  let deps: TestDeps;
  beforeAll(async () => {
    deps = await createTestDeps({ label: 'app' });
  });
  afterAll(() => deps.close());

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await request(buildApp(deps).callback()).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.0.3');
    expect(Object.keys(res.body.paths)).toContain('/healthz');
    const createOrder = res.body.paths['/api/orders'].post;
    expect(createOrder.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true }));
  });

  it('allows CORS for the configured H5 origin only', async () => {
    const server = buildApp(deps).callback();
    const allowed = await request(server)
      .options('/healthz')
      .set('Origin', 'http://127.0.0.1:10086')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('http://127.0.0.1:10086');

    const other = await request(server).get('/healthz').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
