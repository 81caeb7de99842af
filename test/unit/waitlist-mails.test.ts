import { describe, expect, it } from 'vitest';
import { renderEmail } from '../../shared/domain/email/content';
import { anEmailInput } from '../support/builders';

// The builder's offer ends 2027-03-03T03:00Z: 04:00 in Amsterdam.
const CLAIM = 'https://api.example.org/registrations/tok123/offer';

describe('the waiting list mails', () => {
  it('the offer carries the claim button and its end, in Dutch and in English', () => {
    const nl = renderEmail(anEmailInput('waitlist-offer'));
    expect(nl.subject).toMatch(/^Er is een plek voor je vrij: /);
    expect(nl.text).toContain(CLAIM);
    expect(nl.html).toContain(`href="${CLAIM}"`);
    expect(nl.text).toContain('3 maart 2027 om 04:00');
    expect(nl.text).toContain('Ik neem de plek');
    expect(nl.calendar).toBeUndefined();

    const en = renderEmail(anEmailInput('waitlist-offer', { language: 'en' }));
    expect(en.subject).toMatch(/^A seat is free for you: /);
    expect(en.text).toContain('3 March 2027 at 04:00');
    expect(en.text).toContain('I take the seat');
  });

  it('the lapse says the seat went on and links to register again; the close says seats go at the door', () => {
    const lapsed = renderEmail(anEmailInput('waitlist-offer-lapsed'));
    expect(lapsed.subject).toMatch(/^Aangeboden plek vervallen: /);
    expect(lapsed.text).toContain('volgende op de wachtlijst');
    expect(lapsed.text).toContain('https://stadsgesprekken.example.org/sessions/2027-03-03-reflectie');
    const lapsedEn = renderEmail(anEmailInput('waitlist-offer-lapsed', { language: 'en' }));
    expect(lapsedEn.subject).toMatch(/^Offered seat lapsed: /);

    const closed = renderEmail(anEmailInput('waitlist-closed'));
    expect(closed.subject).toMatch(/^Wachtlijst gesloten: /);
    expect(closed.text).toContain('aan de deur');
    const closedEn = renderEmail(anEmailInput('waitlist-closed', { language: 'en' }));
    expect(closedEn.subject).toMatch(/^Waiting list closed: /);
    expect(closedEn.text).toContain('at the door');
  });
});
