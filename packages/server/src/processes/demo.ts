import type { ProcessDefinition } from '../process.js';
import { echo } from './echo.js';
import { mapImage } from './map-image.js';
import { primesBetween } from './primes-between.js';
import { sceneLink } from './scene-link.js';
import { sleepAWhile } from './sleep-a-while.js';

/**
 * The demo processes, the default of `createApp` and `startServer`: `sleep_a_while`,
 * `primes_between`, `echo`, `scene_link` and `map_image`. Pass `[...demoProcesses, myProcess]` to keep them
 * beside your own.
 */
export const demoProcesses: readonly ProcessDefinition[] = Object.freeze([
  sleepAWhile,
  primesBetween,
  echo,
  sceneLink,
  mapImage,
]);

export { echo, mapImage, primesBetween, sceneLink, sleepAWhile };
