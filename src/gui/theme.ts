/** Colours and fonts shared by the collaborator widgets. */
export const THEME = {
  font: 'sans-serif',
  panel: 'rgba(22, 26, 36, 0.9)',
  border: 'rgba(255, 255, 255, 0.25)',
  text: '#e8ecf4',
  muted: '#9aa4b8',
  accept: '#2e9d5b',
  reject: '#c0392b',
  correct: '#c98a12',
  error: '#ff8a80',
  input: 'rgba(255, 255, 255, 0.1)',
  human: '#2c5d8f',
  collaborator: '#3a3f4d',
  loss: '#ff9f43',
  agreement: '#54d38a',
} as const;
