/**
 * What an organiser types survives a trip to the sign-in page (the token lasts an hour): every form
 * with `data-draft` saves its fields to sessionStorage as they change and gets them back when it is
 * rendered again. A form clears its draft once the API has taken it.
 */
const key = (name: string) => `console.draft.${name}`;

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const fieldsOf = (form: HTMLFormElement): Field[] =>
  [...form.elements].filter((e): e is Field => 'name' in e && (e as Field).name !== '' && (e as Field).type !== 'file');

/** The fields a form's draft holds, by name (a form with rows made on the fly sizes them from it). */
export const savedDraft = (name: string): Record<string, string | boolean> | null =>
  JSON.parse(sessionStorage.getItem(key(name)) ?? 'null') as Record<string, string | boolean> | null;

export function keepDraft(form: HTMLFormElement): void {
  const name = form.dataset.draft;
  if (!name) return;
  const saved = savedDraft(name);
  if (saved) {
    for (const f of fieldsOf(form)) {
      const v = saved[f.name];
      if (v === undefined) continue;
      if (f instanceof HTMLInputElement && f.type === 'checkbox') f.checked = v === true;
      else f.value = String(v);
    }
  }
  const save = () => {
    const values: Record<string, string | boolean> = {};
    for (const f of fieldsOf(form)) {
      values[f.name] = f instanceof HTMLInputElement && f.type === 'checkbox' ? f.checked : f.value;
    }
    sessionStorage.setItem(key(name), JSON.stringify(values));
  };
  form.addEventListener('input', save);
  // Rows added or removed by a button change the fields without an input event.
  form.addEventListener('draft-changed', save);
}

export const dropDraft = (name: string) => sessionStorage.removeItem(key(name));

export function keepDrafts(root: HTMLElement): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-draft]')) keepDraft(form);
}
