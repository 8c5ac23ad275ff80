/** The sentences of the gates table at the top of the reports, French and English side by side (merged by catalogue.ts). */
export const GATE_CATALOGUE = {
  'section.gates': { en: 'Gates', fr: 'Seuils de validation' },
  'gates.allPass': { en: 'Every gate holds ({n}).', fr: 'Tous les seuils sont tenus ({n}).' },
  'gates.someFail': { en: '{failed} of {n} gates fail: `guichet gate` exits with 99.', fr: '{failed} seuils sur {n} ne sont pas tenus : `guichet gate` sort avec le code 99.' },
  'gates.col.policy': { en: 'Policy', fr: 'Dispositif' },
  'gates.col.gate': { en: 'Gate', fr: 'Seuil' },
  'gates.col.observed': { en: 'Observed', fr: 'Observé' },
  'gates.col.outcome': { en: 'Outcome', fr: 'Résultat' },
  'gates.pass': { en: 'pass', fr: 'tenu' },
  'gates.fail': { en: 'FAIL', fr: 'NON TENU' },
  'gates.notMeasured': { en: 'not measured', fr: 'non mesuré' },
} as const satisfies Record<string, { en: string; fr: string }>;
