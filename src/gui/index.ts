/**
 * babylon-collaborator/gui: @babylonjs/gui widgets for collaborators and the humans working with them.
 * @packageDocumentation
 */
export { SpeechBubble } from './speech-bubble.js';
export type { SpeechBubbleOptions, SayOptions } from './speech-bubble.js';
export { SuggestionCard } from './suggestion-card.js';
export type { SuggestionCardOptions } from './suggestion-card.js';
export { ChatPanel } from './chat-panel.js';
export type { ChatPanelOptions, ChatMessage, ChatAuthor } from './chat-panel.js';
export { CollaboratorOverlay } from './collaborator-overlay.js';
export type { CollaboratorOverlayOptions, ObservedCollaborator } from './collaborator-overlay.js';
export { LinePlot } from './line-plot.js';
export type { PlotSeriesOptions } from './line-plot.js';
export { BarView } from './bar-view.js';
export type { Slate3DOptions } from './widget-mount.js';
