/**
 * The types of a generated client, over the committed fixtures (generated from the local server;
 * generate-client.test.ts checks they are what the generator writes today).
 */
import type { JobInfo } from '@s2gos/async';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  DemoClient,
  DemoClientWaitOptions,
  PrimesBetweenInputs,
  PrimesBetweenOutputs,
  SceneLinkInputs,
} from './fixtures/demo-client.js';
import type { DemoClient as SyncDemoClient } from './fixtures/demo-client-sync.js';

declare const client: DemoClient;
declare const syncClient: SyncDemoClient;
const dates = { start_date: '2025-06-01', end_date: '2025-06-02' };

describe('a generated client', () => {
  it('types the inputs and outputs of each process', () => {
    expectTypeOf<PrimesBetweenOutputs['primes']>().toEqualTypeOf<number[]>();
    expectTypeOf(client.primesBetween)
      .parameter(0)
      .toEqualTypeOf<PrimesBetweenInputs | undefined>();
    expectTypeOf(client.primesBetween).returns.resolves.toEqualTypeOf<PrimesBetweenOutputs>();
    expectTypeOf(client.startPrimesBetween).returns.resolves.toEqualTypeOf<JobInfo>();
    expectTypeOf(syncClient.primesBetween).returns.toEqualTypeOf<PrimesBetweenOutputs>();
    expectTypeOf(syncClient.startPrimesBetween).returns.toEqualTypeOf<JobInfo>();
    expectTypeOf<PrimesBetweenInputs>().toEqualTypeOf<{ min_val?: number; max_val?: number }>();
    expectTypeOf<SceneLinkInputs['bbox']['crs']>().toEqualTypeOf<
      'http://www.opengis.net/def/crs/OGC/1.3/CRS84' | undefined
    >();
    expectTypeOf<keyof DemoClientWaitOptions>().toEqualTypeOf<
      'signal' | 'onProgress' | 'timeout' | 'dismissOnAbort'
    >();
  });

  it('accepts correct calls', () => {
    client.primesBetween({ min_val: 1, max_val: 10 }, { timeout: 1000 });
    client.primesBetween();
    client.sceneLink({ bbox: { bbox: [0, 0, 1, 1] }, ...dates });
    syncClient.echo({ value: [1, 'two'] }, { onProgress: () => undefined });
  });

  it('rejects a misspelt method', () => {
    // @ts-expect-error no such method: primesBetween
    client.primesBetwen({ min_val: 1 });
    // @ts-expect-error no such method: startPrimesBetween
    syncClient.startPrimes({});
  });

  it('rejects a misspelt input', () => {
    // @ts-expect-error min_val
    client.primesBetween({ min_vall: 1 });
    // @ts-expect-error min_val
    syncClient.startPrimesBetween({ minval: 1 });
  });

  it('rejects an input of the wrong type', () => {
    // @ts-expect-error min_val is a number
    client.primesBetween({ min_val: 'ten' });
    // @ts-expect-error bbox has four numbers
    client.sceneLink({ bbox: { bbox: [0, 0, 1] }, ...dates });
  });

  it('rejects a call without a required input', () => {
    // @ts-expect-error bbox is required
    client.sceneLink({ ...dates });
    // @ts-expect-error value is required
    syncClient.echo({});
    // @ts-expect-error the inputs of scene_link are required
    client.sceneLink();
  });

  it('rejects a value outside an enum', () => {
    // @ts-expect-error crs is CRS84
    client.sceneLink({ bbox: { bbox: [0, 0, 1, 1], crs: 'EPSG:4326' }, ...dates });
  });

  it('rejects options the sync client cannot honour', () => {
    // @ts-expect-error no signal in a blocking call
    syncClient.primesBetween({}, { signal: AbortSignal.timeout(1) });
  });
});
