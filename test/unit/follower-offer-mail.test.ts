import { describe, expect, it } from 'vitest';
import { renderFollowerOfferMail } from '../../shared/domain/email/follower-offer';
import { aProgramme, aSession, aSessionWithoutTime } from '../support/builders';

const links = {
  takeSeatLink: 'https://api.example.org/people/tok/offers/2027-03-03-reflectie',
  personLink: 'https://site.example.org/my-programme.html?token=tok',
};

describe('the offer to a follower', () => {
  it('names the session, when and where, and links the take-seat page, in Dutch and English', () => {
    const nl = renderFollowerOfferMail({
      programme: aProgramme(),
      session: aSession(),
      reason: 'SessionPublished',
      language: 'nl',
      ...links,
    });
    expect(nl.subject).toBe('Nieuw in Jaarprogramma 2027: Reflectiebijeenkomst: zeggenschap en eigenaarschap');
    expect(nl.text).toContain('woensdag 3 maart 2027, 16.00–17.30 uur');
    expect(nl.text).toContain('Pakhuis de Zwijger, Piet Heinkade 179, Amsterdam');
    expect(nl.text).toContain(`Een plek nemen:\n${links.takeSeatLink}`);
    expect(nl.text).toContain('nog niet aangemeld');
    expect(nl.html).toContain(`href="${links.takeSeatLink}"`);
    expect(nl.html).toContain(`href="${links.personLink.replace('&', '&amp;')}"`);

    const en = renderFollowerOfferMail({
      programme: aProgramme(),
      session: aSession(),
      reason: 'SessionTimeConfirmed',
      language: 'en',
      ...links,
    });
    expect(en.subject).toBe('Now scheduled: Reflection: say and ownership, Wednesday 3 March 2027, 16:00–17:30');
    expect(en.text).toContain('The time of this session is now set');
    expect(en.text).toContain(`Take a seat:\n${links.takeSeatLink}`);
    expect(en.text).toContain('Switch following off');
  });

  it('says when the time is still to be decided', () => {
    const mail = renderFollowerOfferMail({
      programme: aProgramme(),
      session: aSessionWithoutTime(),
      reason: 'SessionPublished',
      language: 'en',
      ...links,
    });
    expect(mail.text).toContain('time to be decided');
    expect(mail.text).toContain('You will hear from us as soon as it is set.');
  });

  it('keeps organiser text in one subject line and escapes it in the HTML part', () => {
    const mail = renderFollowerOfferMail({
      programme: aProgramme({ title: { nl: 'Programma\r\nBcc: x@evil.example' } }),
      session: aSession({ title: { nl: '<script>alert(1)</script>' } }),
      reason: 'SessionPublished',
      language: 'nl',
      ...links,
    });
    expect(mail.subject).toBe('Nieuw in Programma Bcc: x@evil.example: <script>alert(1)</script>');
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;');
  });
});
