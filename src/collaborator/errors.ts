/**
 * Thrown when an observation, an action buffer or a batch does not have the shape its spec declares.
 * The message names the sensor, actuator or policy and the expected and actual sizes.
 */
export class SpecMismatchError extends Error {
  override readonly name = 'SpecMismatchError';
}
