import type { Lang } from '../../types';

// The manage page's notice for a seat offered from the waiting list: until when it is held, taking it.

const nl = {
  offerTitle: 'Er is een plek voor u vrij',
  offerHeldUntil: (until: string) =>
    `We houden een plek voor u vast tot ${until}. Neem de plek vóór die tijd; daarna gaat hij naar de volgende op de wachtlijst.`,
  offerHeld: 'We houden een plek korte tijd voor u vast. Daarna gaat hij naar de volgende op de wachtlijst.',
  offerDecline: 'Kunt u toch niet komen? Meld u dan hieronder af, dan gaat de plek meteen naar de volgende.',
  offerClaim: 'Ik neem de plek',
  offerClaiming: 'Bezig met de plek nemen…',
  offerClaimedTitle: 'De plek is van u',
  offerClaimedBody: 'U bent aangemeld. De bevestiging met de uitnodiging voor uw agenda komt per e-mail.',
  offerLapsed: 'De tijd om deze plek te nemen is voorbij. De plek gaat naar de volgende op de wachtlijst.',
  offerExpired: 'Helaas, de tijd om deze plek te nemen is net voorbij. De plek gaat naar de volgende op de wachtlijst.',
  offerGone: 'Deze plek wordt u niet meer aangeboden. Hieronder ziet u hoe uw aanmelding er nu voor staat.',
  offerSessionCancelled: 'Deze bijeenkomst gaat niet door, dus de plek kan niet meer worden genomen.',
};

export const offerMessages: Record<Lang, typeof nl> = {
  nl,
  en: {
    offerTitle: 'A seat is free for you',
    offerHeldUntil: (until: string) =>
      `We are holding a seat for you until ${until}. Take it before then; after that it goes to the next person on the waiting list.`,
    offerHeld:
      'We are holding a seat for you for a short while. After that it goes to the next person on the waiting list.',
    offerDecline: 'Can’t come after all? Then cancel below, and the seat goes straight to the next person.',
    offerClaim: 'Take the seat',
    offerClaiming: 'Taking the seat…',
    offerClaimedTitle: 'The seat is yours',
    offerClaimedBody: 'You are registered. The confirmation with the invitation for your calendar follows by email.',
    offerLapsed: 'The time to take this seat has passed. It goes to the next person on the waiting list.',
    offerExpired: 'Sorry, the time to take this seat has just passed. It goes to the next person on the waiting list.',
    offerGone: 'This seat is no longer on offer to you. Below you can see where your registration stands now.',
    offerSessionCancelled: 'This session has been cancelled, so the seat can no longer be taken.',
  },
};
