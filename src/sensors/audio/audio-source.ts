/** A Babylon.js `Sound` (the legacy audio engine): its gain node carries what it plays. */
export interface LegacySoundLike {
  getSoundGain(): GainNode | null;
}

/** A Babylon.js audio-engine-v2 sound (`StaticSound`, `StreamingSound`) on Web Audio: read through its output node. */
export interface SoundV2Like {
  readonly _outNode: AudioNode | null;
}

/** What an {@link AudioSensor} can listen to in a browser. */
export type AudioSourceInput = AudioNode | HTMLMediaElement | LegacySoundLike | SoundV2Like;

/** A Web Audio node to capture, and how to release what was created to get it. */
export interface OpenedSource {
  readonly node: AudioNode;
  close(): void;
}

const isAudioNode = (value: unknown): value is AudioNode => typeof AudioNode !== 'undefined' && value instanceof AudioNode;
const isMediaElement = (value: unknown): value is HTMLMediaElement => typeof HTMLMediaElement !== 'undefined' && value instanceof HTMLMediaElement;

/** True when `value` can be passed as an {@link AudioSourceInput}. */
export function isAudioSourceInput(value: unknown): value is AudioSourceInput {
  if (typeof value !== 'object' || value === null) return false;
  return isAudioNode(value) || isMediaElement(value) || typeof (value as LegacySoundLike).getSoundGain === 'function' || '_outNode' in value;
}

function sourceNode(source: LegacySoundLike | SoundV2Like): AudioNode {
  const node = 'getSoundGain' in source ? source.getSoundGain() : source._outNode;
  if (!node) throw new DOMException('AudioSensor: the sound has no Web Audio node yet (is the audio engine created and unlocked?)', 'InvalidStateError');
  return node;
}

/**
 * Opens the node to capture. A media element is routed through `context` (and on to its destination, so it stays
 * audible); the microphone is opened with getUserMedia. `context` is created when needed and closed by `close()`
 * only when created here.
 * @param source - the node, element or sound; ignored when `microphone` is true
 * @throws the browser's error (rejected) when the microphone is refused
 */
export async function openSource(source: AudioSourceInput | undefined, microphone: boolean, context: AudioContext | undefined): Promise<OpenedSource> {
  if (!microphone && source !== undefined && !isMediaElement(source)) {
    return { node: isAudioNode(source) ? source : sourceNode(source), close: () => undefined };
  }
  const owned = context ? undefined : new AudioContext();
  const ctx = context ?? owned!;
  const closeOwned = (): void => void owned?.close().catch(() => undefined);
  if (microphone) {
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      closeOwned();
      throw error;
    }
    const node = ctx.createMediaStreamSource(stream);
    return { node, close: () => (node.disconnect(), stream.getTracks().forEach((t) => t.stop()), closeOwned()) };
  }
  const node = ctx.createMediaElementSource(source as HTMLMediaElement);
  node.connect(ctx.destination);
  return { node, close: () => (node.disconnect(), closeOwned()) };
}
