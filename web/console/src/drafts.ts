/**
 * What an organiser types survives a trip to the sign-in page (the token lasts an hour): every form
 * with `data-draft` saves its fields to sessionStorage as they change and gets them back when it is
 * rendered again. A form clears its draft once the API has taken it.
 */
const key = (name: string) => `console.draft.${name}`;

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

const fieldsOf = (form: HTMLFormElement): Field[] =>
  [...form.elements].filter((e): e is Field => 'name' in e && (e as Field).name !== '' && (e as Field).type !== 'file');

export function keepDraft(form: HTMLFormElement): void {
  const name = form.dataset.draft;
  if (!name) return;
  const saved = JSON.parse(sessionStorage.getItem(key(name)) ?? 'null') as Record<string, string | boolean> | null;
  if (saved) {
    for (const f of fieldsOf(form)) {
      const v = saved[f.name];
      if (v === undefined) continue;
      if (f instanceof HTMLInputElement && f.type === 'checkbox') f.checked = v === true;
      else f.value = String(v);
    }
  }
  form.addEventListener('input', () => {
    const values: Record<string, string | boolean> = {};
    for (const f of fieldsOf(form)) {
      values[f.name] = f instanceof HTMLInputElement && f.type === 'checkbox' ? f.checked : f.value;
    }
    sessionStorage.setItem(key(name), JSON.stringify(values));
  });
}

export const dropDraft = (name: string) => sessionStorage.removeItem(key(name));

export function keepDrafts(root: HTMLElement): void {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-draft]')) keepDraft(form);
}
