/**
 * Domain synonym groups, applied at query time only (expansion with a lower weight than the words the user
 * typed), so the index stays a faithful picture of the official text.
 *
 * Review principle: a group may only hold words that, in a question about integrity at work, a person would use
 * for the SAME thing the official text names. Broader or narrower terms are allowed only when the rule that
 * applies is the same (e.g. "kerstpakket" is a kind of "geschenk" and the gift rule covers it). Never add a word
 * because one eval question needs it; add it because people say it. Every change is reviewed against that
 * principle, and against false friends (Dutch "gift" is also a donation, which the gift rules also cover).
 * English entries are the bridge for English questions into the Dutch sources.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['cadeau', 'cadeautje', 'geschenk', 'gift', 'present', 'presentje', 'kado', 'kadootje', 'relatiegeschenk', 'kerstpakket', 'gifts', 'cadeaubon', 'bedankje'],
  ['bijbaan', 'bijbaantje', 'nevenfunctie', 'nevenwerkzaamheden', 'nevenactiviteit', 'side job', 'second job', 'sideline', 'bijverdienste', 'freelance', 'freelancer', 'zzp', 'zzp-er', 'eigen bedrijf', 'bijverdienen', 'extra werk'],
  ['linkedin', 'twitter', 'facebook', 'instagram', 'sociale media', 'social media', 'online', 'tiktok'],
  ['zwager', 'schoonzus', 'familie', 'familielid', 'partner', 'privérelatie', 'relative', 'family', 'broer', 'zus', 'neef', 'nicht', 'schoonvader', 'schoonmoeder', 'vriend', 'vriendin', 'liefdesrelatie', 'verliefd', 'girlfriend', 'boyfriend'],
  ['leverancier', 'bedrijf', 'aanbieder', 'opdrachtnemer', 'supplier', 'vendor', 'contractor', 'zakenrelatie'],
  ['etentje', 'diner', 'lunch', 'uitnodiging', 'dinner', 'invitation', 'evenement', 'event', 'hospitality', 'borrel', 'feest', 'congres', 'uitje'],
  ['aandelen', 'beleggen', 'crypto', 'effecten', 'financieel belang', 'shares', 'stocks', 'investments', 'bitcoin'],
  ['melden', 'melding', 'aangeven', 'klokkenluiden', 'report', 'rapporteren', 'misstand', 'wrongdoing'],
  ['klokkenluider', 'whistleblower', 'klokkenluiden', 'whistleblowing'],
  ['vertrouwenspersoon', 'confidential counsellor', 'confidential advisor', 'confidential adviser', 'vertrouwensman'],
  ['lobbyist', 'belangenbehartiger', 'lobby', 'lobbying'],
  ['geheim', 'vertrouwelijk', 'informatie lekken', 'lekken', 'confidential', 'secret', 'leak', 'geheimhouding'],
  ['eed', 'belofte', 'oath', 'ambtseed'],
  ['raadslid', 'volksvertegenwoordiger', 'wethouder', 'bestuurder', 'councillor', 'alderman', 'politiek ambtsdrager', 'gedeputeerde', 'statenlid'],
  ['stemmen', 'stemming', 'stemonthouding', 'vote', 'voting', 'abstain'],
  ['belangenverstrengeling', 'belangenconflict', 'conflict of interest', 'tegenstrijdig belang', 'schijn van belangenverstrengeling'],
  ['intimidatie', 'pesten', 'gepest', 'discriminatie', 'ongewenst gedrag', 'harassment', 'bullying', 'grensoverschrijdend gedrag', 'seksuele intimidatie', 'bedreiging', 'bedreigd', 'uitgelachen', 'buitengesloten'],
  ['integriteitsschending', 'misstand', 'fraude', 'corruptie', 'omkoping', 'steekpenningen', 'smeergeld', 'kickbacks', 'bribe', 'bribery', 'fraud', 'corruption', 'misconduct', 'wrongdoing'],
  ['reis', 'reizen', 'dienstreis', 'buitenland', 'travel', 'trip', 'abroad'],
  ['nevenfunctie', 'bestuursfunctie', 'vrijwilligerswerk', 'volunteer'],
  ['leidinggevende', 'manager', 'baas', 'chef', 'supervisor', 'boss'],
  ['ambtenaar', 'medewerker', 'werknemer', 'civil servant', 'employee', 'rijksambtenaar'],
  ['afkoelperiode', 'draaideur', 'revolving door', 'cooling off', 'baanaanbod', 'job offer', 'overstap', 'nieuwe baan', 'new job', 'overstappen', 'sollicitatie'],
  ['integriteit', 'integrity', 'ethics', 'gedragscode', 'code of conduct'],
  ['geld', 'money', 'cash', 'contant', 'bedrag'],
  ['onderzoek', 'investigation', 'inquiry'],
  ['verklaring', 'declaration', 'opgave', 'registratie', 'register', 'registreren'],
];
