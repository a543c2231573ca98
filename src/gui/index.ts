/**
 * babylon-collaborator/gui: @babylonjs/gui widgets for collaborators and the humans working with them.
 * @packageDocumentation
 */
export { SpeechBubble } from './speech-bubble.js';
export type { SpeechBubbleOptions, SayOptions } from './speech-bubble.js';
