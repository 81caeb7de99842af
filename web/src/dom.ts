/** A plain primary click: anything else (new tab, new window) is left to the browser. */
export const isPlainClick = (ev: Event): boolean => {
  const e = ev as MouseEvent;
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
};
