import type { Lang } from '../../types';

// Downloading and erasing one's own data, on the personal page and on the pages served without JavaScript.

const nl = {
  privacyTitle: 'Uw gegevens',
  privacyIntro: 'U kunt alles wat wij over deze aanmelding bewaren downloaden, of uw gegevens laten wissen.',
  downloadData: 'Download mijn gegevens',
  downloadDataNote: '(JSON-bestand)',
  downloadStarted: 'Uw gegevens zijn gedownload als JSON-bestand.',
  eraseData: 'Wis mijn gegevens',
  confirmEraseTitle: 'Weet u zeker dat u uw gegevens wilt wissen?',
  confirmEraseIntro: 'Als u uw gegevens wist:',
  eraseCancelsConfirmed: 'wordt uw aanmelding afgemeld en gaat uw plaats naar de eerstvolgende op de wachtlijst;',
  eraseCancelsWaitlisted: 'wordt uw aanmelding afgemeld en verliest u uw plaats op de wachtlijst;',
  eraseRemovesPersonal: 'worden uw naam, e-mailadres en organisatie verwijderd;',
  eraseNoMoreMail: 'ontvangt u geen e-mails meer over deze aanmelding (geen herinnering, geen wijzigingen);',
  eraseLinkStops: 'werkt deze link niet meer, ook niet voor het geven van terugkoppeling.',
  eraseKeepsAnonymous:
    'Wat overblijft zonder uw naam (uw rol, buurt en eventuele terugkoppeling) telt alleen nog mee in anonieme overzichten. Wilt u een kopie? Download dan eerst uw gegevens. Wissen kunt u niet ongedaan maken.',
  confirmErase: 'Ja, wis mijn gegevens',
  keepData: 'Nee, niet wissen',
  erasing: 'Bezig met wissen…',
  erasedTitle: 'Uw gegevens zijn gewist',
  erasedCancelled: 'Uw aanmelding is afgemeld en uw plaats is vrijgegeven.',
  erasedBody:
    'Uw naam, e-mailadres en organisatie zijn verwijderd. U ontvangt geen e-mails meer over deze aanmelding en deze link werkt niet meer.',
  erasedAgain: 'Wilt u toch komen? Dan kunt u zich opnieuw aanmelden.',
  noScriptIntro: 'Deze pagina werkt het best met JavaScript. Zonder JavaScript kunt u uw gegevens downloaden.',
};

export const privacyMessages: Record<Lang, typeof nl> = {
  nl,
  en: {
    privacyTitle: 'Your data',
    privacyIntro: 'You can download everything we keep about this registration, or have your data erased.',
    downloadData: 'Download my data',
    downloadDataNote: '(JSON file)',
    downloadStarted: 'Your data has been downloaded as a JSON file.',
    eraseData: 'Erase my data',
    confirmEraseTitle: 'Are you sure you want to erase your data?',
    confirmEraseIntro: 'If you erase your data:',
    eraseCancelsConfirmed: 'your registration is cancelled and your place goes to the next person on the waiting list;',
    eraseCancelsWaitlisted: 'your registration is cancelled and you lose your place on the waiting list;',
    eraseRemovesPersonal: 'your name, email address and organisation are removed;',
    eraseNoMoreMail: 'you will no longer receive emails about this registration (no reminder, no changes);',
    eraseLinkStops: 'this link stops working, also for giving feedback.',
    eraseKeepsAnonymous:
      'What remains without your name (your role, neighbourhood and any feedback) only counts in anonymous overviews. Want a copy? Download your data first. Erasing cannot be undone.',
    confirmErase: 'Yes, erase my data',
    keepData: 'No, do not erase',
    erasing: 'Erasing…',
    erasedTitle: 'Your data has been erased',
    erasedCancelled: 'Your registration is cancelled and your place has been freed.',
    erasedBody:
      'Your name, email address and organisation have been removed. You will no longer receive emails about this registration and this link no longer works.',
    erasedAgain: 'Would you like to come after all? You can register again.',
    noScriptIntro: 'This page works best with JavaScript. Without JavaScript you can download your data.',
  },
};
