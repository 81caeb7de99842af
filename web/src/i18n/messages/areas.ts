import type { Lang } from '../../types';

// The area a registrant lives or works in, chosen from the programme's list.

const nl = {
  fieldArea: 'Stadsdeel of gebied waar u woont of werkt',
  chooseArea: 'Maak een keuze',
  fieldAreaOther: 'Anders, namelijk',
  fieldAreaOtherHint: 'Alleen als u hierboven ‘Anders’ kiest.',
  fieldPostcode: 'Cijfers van uw postcode',
  fieldPostcodeHint: 'Alleen de 4 cijfers, bijvoorbeeld 1094.',
  errArea: 'Kies een stadsdeel of gebied uit de lijst.',
  errAreaOther: 'Kies ‘Anders’ hierboven, of laat dit veld leeg (maximaal 200 tekens op één regel).',
  errPostcode: 'Vul de 4 cijfers van een postcode in, bijvoorbeeld 1094.',
};

export const areasMessages: Record<Lang, typeof nl> = {
  nl,
  en: {
    fieldArea: 'District or area where you live or work',
    chooseArea: 'Choose one',
    fieldAreaOther: 'Other, namely',
    fieldAreaOtherHint: 'Only if you choose ‘Other’ above.',
    fieldPostcode: 'Digits of your postcode',
    fieldPostcodeHint: 'Only the 4 digits, for example 1094.',
    errArea: 'Choose a district or area from the list.',
    errAreaOther: 'Choose ‘Other’ above, or leave this field empty (at most 200 characters on one line).',
    errPostcode: 'Enter the 4 digits of a postcode, for example 1094.',
  },
};
