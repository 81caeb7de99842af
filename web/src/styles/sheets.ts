/**
 * The widget's style sheets, one per component, in cascade order: a later sheet may refine an
 * earlier one (base first). web/build.ts joins them into the widget's shadow-root CSS and embed.css.
 */
export const widgetSheets = [
  'base.css',
  'language-switch.css',
  'session-list.css',
  'notice.css',
  'details.css',
  'form.css',
  'buttons.css',
  'panels.css',
] as const;

/** Our own plain pages only: the widget itself is styled inside its shadow root. */
export const pageSheet = 'page.css';
