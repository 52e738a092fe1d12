import type { Random } from './random.js';

/*
 * Norwegian text for the scaled university: names of people, and the words improvement cases are
 * written in, per process, so that full-text search (`q`) meets the spread of words a real
 * installation has: some words in many cases, most in few.
 */

export const FIRST_NAMES = [
  'Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Liv', 'Eva', 'Berit', 'Astrid', 'Bjørg', 'Hilde', 'Anna', 'Solveig', 'Marianne', 'Randi', 'Ida',
  'Nina', 'Maria', 'Elisabeth', 'Kristin', 'Silje', 'Tone', 'Camilla', 'Hanne', 'Ingeborg', 'Guro', 'Siri', 'Sofie', 'Emma', 'Nora', 'Thea',
  'Jan', 'Per', 'Bjørn', 'Ole', 'Lars', 'Kjell', 'Knut', 'Arne', 'Svein', 'Thomas', 'Hans', 'Geir', 'Tor', 'Morten', 'Terje', 'Odd', 'Erik',
  'Martin', 'Andreas', 'Jon', 'Harald', 'Rune', 'Trond', 'Anders', 'Magnus', 'Jonas', 'Eirik', 'Henrik', 'Håkon', 'Øystein', 'Sindre', 'Vegard',
  'Ahmed', 'Fatima', 'Mohammed', 'Aisha', 'Piotr', 'Agnieszka', 'Li', 'Wei', 'Sara', 'David', 'Daniel', 'Julia', 'Elena', 'Lukas', 'Amir',
] as const;

export const LAST_NAMES = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen', 'Pettersen',
  'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund',
  'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand', 'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken',
  'Kristoffersen', 'Mathisen', 'Lie', 'Amundsen', 'Nguyen', 'Rasmussen', 'Ali', 'Lunde', 'Solheim', 'Berge', 'Moe', 'Nygård', 'Bakke',
  'Kristensen', 'Fredriksen', 'Holm', 'Lien', 'Hauge', 'Christensen', 'Andresen', 'Nielsen', 'Knudsen', 'Evensen', 'Sæther', 'Aas', 'Myhre',
  'Hanssen', 'Ahmed', 'Haugland', 'Thomassen', 'Sivertsen', 'Simonsen', 'Danielsen', 'Berntsen', 'Sandvik', 'Rønning', 'Arnesen', 'Antonsen',
  'Næss', 'Vik', 'Haug', 'Ellingsen', 'Thorsen', 'Edvardsen', 'Birkeland', 'Isaksen', 'Gulbrandsen', 'Ruud', 'Aasen', 'Strøm', 'Myklebust',
  'Tangen', 'Ødegård', 'Eliassen', 'Helland', 'Bøe', 'Jenssen', 'Aune', 'Mikkelsen', 'Tveit', 'Brekke', 'Abrahamsen', 'Madsen', 'Kowalski',
] as const;

/** What cases in a process are about: the things that go wrong there, in Norwegian, in the indefinite form titles use. */
export const PROCESS_TOPICS: Readonly<Record<string, readonly string[]>> = {
  saksbehandling: ['vedtak', 'saksdokumenter', 'journalføring', 'klagesaker', 'innsynskrav', 'delegering av fullmakter', 'maler for brev', 'saksfremlegg', 'høringer', 'signering av vedtak', 'fristoppfølging', 'referater fra styremøter'],
  'plan-budsjett-oppfolging': ['budsjettfordeling', 'virksomhetsplan', 'rapportering til departementet', 'prognoser', 'disponeringsskriv', 'tertialrapporter', 'styringsparametere', 'langtidsbudsjett'],
  'personvern-informasjonssikkerhet': ['risikovurderinger', 'behandlingsprotokoll', 'avviksmeldinger', 'tilgangsstyring', 'samtykke', 'lagring av sensitive data', 'databehandleravtaler', 'sikkerhetsopplæring', 'personvernkonsekvensvurderinger'],
  forskningsdatahandtering: ['datahåndteringsplaner', 'lagring av forskningsdata', 'arkivering av datasett', 'deling av data', 'metadata', 'sikker lagring', 'lisenser for datasett', 'dataklassifisering'],
  opptak: ['søknadsbehandling', 'dokumentasjon fra søkere', 'rangering av søkere', 'tilbudsbrev', 'lokalt opptak', 'poengberegning', 'venteliste', 'klager på opptak', 'internasjonale søkere'],
  anskaffelser: ['innkjøp av utstyr', 'rammeavtaler', 'konkurranseutsetting', 'lisenser', 'bestillinger', 'leverandøroppfølging', 'kontraktsforvaltning', 'direkteanskaffelser'],
  eksamen: ['eksamensavvikling', 'sensur', 'klager på karakter', 'tilrettelegging ved eksamen', 'digital eksamen', 'oppmelding til eksamen', 'sensorhonorar', 'kontinuasjonseksamen', 'fusk og plagiat'],
  studieplaner: ['emnebeskrivelser', 'studieprogram', 'emneevaluering', 'timeplanlegging', 'pensumlister', 'læringsutbytte', 'programrevisjon'],
  utveksling: ['utvekslingsavtaler', 'godkjenning av utenlandsopphold', 'innreisende studenter', 'stipendsøknader', 'forhåndsgodkjenning av emner', 'læringsavtaler'],
  'ph-d': ['opptak til ph.d.', 'veiledningsavtaler', 'disputas', 'komiteoppnevning', 'fremdriftsrapportering', 'avhandlinger', 'forlengelse av ph.d.-perioden'],
  'eksterne-midler': ['søknader til Forskningsrådet', 'EU-søknader', 'budsjett i søknader', 'kontrakter med finansiører', 'prosjektetablering', 'egenandeler', 'partnerskap'],
  publisering: ['åpen publisering', 'publiseringsavtaler', 'registrering i Cristin', 'bildedatabase', 'institusjonelt arkiv', 'forlagsavtaler'],
  arkiv: ['arkivplan', 'bevaring og kassasjon', 'skanning av papirarkiv', 'e-postarkivering', 'avlevering til arkivverket', 'mappestruktur'],
  'it-brukerstotte': ['brukerkontoer', 'passordbytte', 'programvarelisenser', 'utlån av utstyr', 'skrivere', 'videomøterom', 'tilgang til fellesområder', 'mobiltelefoner', 'selvbetjeningsportal'],
  kommunikasjon: ['nettsider', 'nyhetsbrev', 'intranett', 'kriseberedskap', 'sosiale medier', 'profilmaler', 'arrangementer'],
  eiendom: ['romreservasjon', 'adgangskort', 'renhold', 'vedlikeholdsmeldinger', 'parkering', 'nøkkelhåndtering', 'flytting mellom lokaler', 'inneklima'],
  regnskap: ['fakturabehandling', 'attestasjon og anvisning', 'periodisering', 'avstemming', 'purringer', 'inngående faktura', 'årsoppgjør'],
  reiser: ['reiseregninger', 'utlegg', 'reisebestilling', 'diett og kostgodtgjørelse', 'forskudd', 'refusjoner'],
  'eksternfinansierte-prosjekter': ['prosjektregnskap', 'timeregistrering', 'rapportering til finansiør', 'budsjettrevisjon', 'prosjektavslutning', 'indirekte kostnader'],
  rekruttering: ['utlysninger', 'innstilling', 'sakkyndig vurdering', 'arbeidskontrakter', 'intervjuer', 'referansesjekk', 'tilsettingsråd', 'onboarding av nyansatte'],
  lonn: ['lønnsutbetaling', 'fraværsregistrering', 'permisjonssøknader', 'timelønn', 'overtid', 'lønnsforhandlinger', 'feriepenger'],
  hms: ['avviksmeldinger', 'vernerunder', 'risikovurdering av laboratorier', 'kjemikalieregister', 'brannøvelser', 'arbeidsmiljøundersøkelser'],
  kompetanse: ['kursadministrasjon', 'opplæringsplaner', 'lederutvikling', 'kompetansekartlegging', 'e-læring', 'medarbeidersamtaler'],
};

const TITLE_PATTERNS: ReadonlyArray<(topic: string) => string> = [
  (t) => `Digitalisering av ${t}`,
  (t) => `Felles rutine for ${t}`,
  (t) => `Automatisk varsling om ${t}`,
  (t) => `Selvbetjening for ${t}`,
  (t) => `Bedre oversikt over ${t}`,
  (t) => `Forenkle arbeidet med ${t}`,
  (t) => `Færre manuelle steg i ${t}`,
  (t) => `Elektronisk skjema for ${t}`,
  (t) => `Samordne ${t} mellom enhetene`,
  (t) => `Raskere behandling av ${t}`,
  (t) => `Integrasjon mellom systemene for ${t}`,
  (t) => `Tydeligere ansvar for ${t}`,
  (t) => `Maler og veiledning for ${t}`,
  (t) => `Fjerne dobbeltregistrering i ${t}`,
  (t) => `Statistikk og rapporter om ${t}`,
];

const PROBLEMS: ReadonlyArray<(topic: string, unit: string) => string> = [
  (t, u) => `Ved ${u} håndteres ${t} manuelt, med papirskjema som skannes og sendes på e-post. Det tar tid og feil oppdages sent.`,
  (t, u) => `Arbeidet med ${t} gjøres ulikt fra enhet til enhet, og ${u} bruker mye tid på å finne ut hvilken rutine som gjelder.`,
  (t) => `Opplysningene om ${t} registreres i to systemer, og de stemmer ofte ikke overens. Ansatte må rette opp for hånd.`,
  (t) => `Det finnes ingen samlet oversikt over ${t}, så frister blir oversittet og henvendelser blir liggende.`,
  (t, u) => `Studenter og ansatte ved ${u} spør ofte om status for ${t}, og saksbehandlerne svarer på de samme spørsmålene gang på gang.`,
  (t) => `Dagens løsning for ${t} er utdatert, og leverandøren har varslet at den ikke lenger vil bli vedlikeholdt.`,
  (t) => `Rutinen for ${t} krever godkjenning i flere ledd, og saken står ofte stille mens den venter på signatur.`,
];

const DESCRIPTIONS: ReadonlyArray<(topic: string) => string> = [
  (t) => `Forslaget gjelder hele livsløpet for ${t}, fra registrering til arkivering.`,
  (t) => `Vi foreslår å prøve ut en ny arbeidsform for ${t} i ett semester før den tas i bruk bredt.`,
  (t) => `Flere enheter har meldt om samme behov; en felles løsning for ${t} vil redusere risikoen for feil.`,
  () => '',
];

const BENEFITS: ReadonlyArray<(topic: string) => string> = [
  (t) => `Kortere behandlingstid og færre feil i ${t}.`,
  (t) => `Frigjør tid for saksbehandlere og gir bedre service til brukerne av ${t}.`,
  () => 'Bedre kvalitet og forutsigbarhet for studenter og ansatte.',
  () => '',
];

export interface CaseText {
  title: string;
  problem: string;
  description: string;
  expectedBenefits: string;
}

export function caseText(random: Random, processCode: string, unitName: string): CaseText {
  const topics = PROCESS_TOPICS[processCode] ?? ['arbeidsprosesser'];
  // A few topics come up far more often than the rest.
  const topic = topics[Math.min(topics.length - 1, Math.floor(topics.length * random.next() ** 1.8))]!;
  const title = random.pick(TITLE_PATTERNS)(topic);
  return {
    title: title.charAt(0).toUpperCase() + title.slice(1),
    problem: random.pick(PROBLEMS)(topic, unitName),
    description: random.pick(DESCRIPTIONS)(topic),
    expectedBenefits: random.pick(BENEFITS)(topic),
  };
}

/** Short texts people write in event payloads and comments. */
export const PHRASES = {
  endorse: ['Godt forslag, dette bør vi ta tak i.', 'Støttes av instituttledelsen.', 'Dette gjelder flere ved enheten.'],
  withdraw: ['Behovet er løst på annen måte.', 'Meldt inn ved en feil.', 'Enheten har omorganisert arbeidet.', 'Ikke lenger aktuelt.'],
  question: [
    'Hvor mange saker gjelder dette per år?',
    'Hvilke andre enheter har samme behov?',
    'Kan du beskrive dagens rutine mer konkret?',
    'Hvilket system brukes i dag?',
    'Er det gjort et anslag over tidsbruken?',
  ],
  answer: [
    'Omtrent 200 saker i året ved vår enhet.',
    'Vi vet at to andre institutter har samme problem.',
    'Rutinen er beskrevet i vedlagt notat; i korte trekk skrives alt ut og signeres for hånd.',
    'Vi bruker regneark og e-post i dag.',
    'Anslagsvis en halv stilling går med til dette.',
  ],
  reject: [
    'Saken krever ikke en vesentlig IT-komponent og hører hjemme i linjen.',
    'Tiltaket er ikke gjennomførbart med dagens systemer.',
    'Behovet dekkes av en løsning som allerede er under innføring.',
    'Forslaget er for uklart til å følges opp; meld gjerne inn på nytt med mer konkret beskrivelse.',
  ],
  merge: ['Samme behov som en tidligere innmeldt sak.', 'Slås sammen med eksisterende sak om samme tema.'],
  plan: ['Enheten lager en ny rutine og prøver den ut i et semester.', 'Vi starter med en pilot i én seksjon.', 'Instituttet tar dette i egen regi.'],
  step: [
    'Rutinen er beskrevet og forankret i ledermøtet.',
    'Utprøvingen gikk som planlagt; noen justeringer trengs.',
    'Vi har fulgt opp med de berørte og samlet erfaringer.',
    'Evalueringen viser kortere behandlingstid.',
    'Justeringene er gjort og rutinen er tatt i bruk.',
  ],
  restart: ['Endringen virket ikke som tenkt; vi prøver en annen tilnærming.', 'Evalueringen viste nye problemer som må løses først.'],
  escalate: [
    'Berører flere fakulteter og krever en felles løsning.',
    'Krever investering i nytt system; må vurderes av prosesseier.',
    'Gjelder hele universitetet.',
  ],
  returnToResponsible: ['Vurder om dette kan løses lokalt.', 'Trenger bedre beskrivelse av omfanget før videre behandling.'],
  propose: ['Foreslås til prioritering i neste runde.', 'Anbefales prioritert; god nytte for mange brukere.'],
  defer: ['Utsatt til neste runde på grunn av budsjettrammen.', 'Avventer avklaring av systemvalg.'],
  decline: ['Ikke prioritert innenfor årets ramme.', 'Nytten står ikke i forhold til kostnaden.'],
  allocation: ['Forutsetter egenandel fra fakultetene.', 'Tildeles under forutsetning av gevinstrealiseringsplan.'],
  projectClosed: ['Prosjektet er levert og overlevert til drift.', 'Sluttrapport godkjent.'],
  projectStopped: ['Prosjektet ble stoppet ved beslutningspunkt på grunn av kostnadsøkning.', 'Leverandøren kunne ikke levere.'],
  benefits: ['Gevinstene er i hovedsak realisert som planlagt.', 'Halvparten av planlagte gevinster er realisert; videre oppfølging i linjen.'],
  comment: [
    'Vi har samme utfordring hos oss.',
    'Kan dette ses i sammenheng med arbeidet med nytt saksbehandlingssystem?',
    'Jeg har lagt ved en oversikt over dagens rutine.',
    'Hvem er kontaktperson for dette i linjen?',
    'Husk å involvere tillitsvalgte.',
    'Takk, dette følger vi opp på neste møte.',
  ],
} as const;
