/**
 * Triage: what kind of message is this, what is it about, and who is probably asking.
 *
 * Deliberately a readable table of weighted pattern groups (plus a retrieval signal) instead of a classifier:
 * a coordinator can read why a message was handed off, and each group has its own tests.
 *
 * Handoff = the message is about a possible violation in the writer's OWN situation (victim, witness, or the
 * writer did something wrong). General questions about how reporting works, and a leidinggevende asking how to
 * handle a melding, are advice. When a message about the writer's own situation is borderline, handoff wins:
 * sending someone to a human is the safe mistake.
 */
import type { Audience, Topic } from '../../knowledge/taxonomy.js';
import type { SimilarVote } from './triage-similar.js';
import type { Intent } from './types.js';

export interface PatternGroup {
  name: string;
  /** Positive weights push towards handoff, negative towards advice. */
  weight: number;
  patterns: RegExp[];
}

/** Lower case without diacritics, so "geïntimideerd" and "geintimideerd" match the same pattern. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------- out of scope ----------

/** Attempts to change the bot's instructions: always refused, whatever else the message asks. */
export const INJECTION: RegExp[] = [
  /^\s*\[?\s*(system|systeem)\w*/,
  /\b(filters?|beperkingen|restricties|veiligheidsregels)\b.{0,40}\b(uitgeschakeld|uitgezet|disabled|turned off)\b|\bzonder (beperkingen|bronnen|filters|restricties)\b|\bwithout (restrictions|sources|filters|limits)\b/,
  /\brollenspel|\brole-?play|\bblijf in (je|jouw) rol\b|\bstay in (character|role)\b|\bjij bent (nu )?(een|de|het|['"])/,
  /^\s*\[?(system|systeem|admin|beheerder|developer)\]?\s*:/,
  /\b(modus|mode)\b.{0,20}\b(uitgeschakeld|uitgezet|disabled|turned off)\b|\b(antwoord|reageer) (vanaf nu |voortaan )?(alleen|uitsluitend) (nog )?met\b|\b(only|just) (answer|reply|respond) with\b/,
  /\b(ignore|disregard|forget|override)\b.{0,30}\b(instructions?|rules|prompt|guidelines|restrictions)\b/,
  /\b(vergeet|negeer|negeren|vergeten)\b.{0,30}\b(regels|instructies?|opdracht|prompt|richtlijnen|beperkingen)\b/,
  /\bact as\b|\bpretend (to be|you are|you're)\b|\byou are now\b|\bfrom now on you\b/,
  /\b(doe|doet u) alsof (je|jij|u)\b|\bgedraag je als\b|\bje bent (nu|vanaf nu)\b|\bspeel (de|een) rol\b|\bvanaf nu ben je\b/,
  /\bsystem ?prompt\b|\bsysteemprompt\b|\bjailbreak\b|\bdeveloper mode\b|\bdan mode\b/,
  /\b(toon|laat zien|geef|print|reveal|show|repeat)\b.{0,20}\b(je|jouw|your|de|the)\b.{0,10}\b(instructies|prompt|instructions|configuratie|configuration)\b/,
];

/** Subjects the bot does not cover. */
export const OFF_TOPIC: RegExp[] = [
  /\b(outlook|excel|powerpoint|onedrive|sharepoint|laptop|printer|wifi|wi-fi|vpn|beeldscherm|headset|telefoon|agenda)\b.{0,60}\b(loopt (steeds )?vast|vastloopt|crasht|werkt niet|doet het niet|foutmelding|traag|installeren|instellen)\b|\b(keeps crashing|won'?t (start|open|sync)|error message)\b/,
  /\bvakantie-?uren|\bverlof-?saldo|\bvrije dagen (heb|over)\b|\bhow many (leave|vacation) (days|hours)\b|\bsamenvat|\bin (vijf|drie|\d+) (bullets|punten|opsommingstekens)\b/,
  /\brestaurant|\blunchplek|\bwaar kan ik (lekker |goed )?(eten|lunchen|borrelen)\b|\bwhere (can|should) (i|we) (eat|have lunch)\b/,
  /\b(bijzonder |buitengewoon )?verlof aan ?(te )?vragen\b|\bverlof aan\b.{0,20}\bvoor\b|\bp-?direkt portaal\b|\bapply for (special )?leave\b/,
  /\bweerbericht|\bweersverwachting|\bwordt het .{0,15}\bweer\b|\bgaat het .{0,10}regenen|\bweather\b|\bforecast\b|\btemperatuur\b/,
  /\brecept(en)?\b|\brecipe|\bhoe (maak|bak|kook) ik\b|\bhow (do i|to) (cook|bake|make (a|an)? ?(cake|pasta|soup|pizza))|\bkoken\b|\bbakken\b/,
  /gedicht|\bpoem\b|\bsonnet\b|\bliedje|\bsong\b|\b(schrijf|write)\b.{0,20}\b(verhaal|story|grap|joke|rap|limerick|haiku)\b|\b(vertel|tell)\b.{0,10}\b(grap|mop|joke)\b/,
  /\bvakantiedagen|\bverlofdagen|\bverlofuren|\bvakantiegeld|\bsalaris|\bloonstrook|\bsalary\b|\bpayslip|\bvacation days|\bholiday allowance|\bpensioen|\bpension\b|\bpay ?rise|\bloonsverhoging|\bouderschapsverlof|\bziekmelden|\bziekmelding|\bsick leave|\bthuiswerkvergoeding|\bij-?stro?om|\bi ?k ?b ?budget\b/,
  /\b(python|javascript|typescript|java|sql|regex|html|css|excel-?formule|excel formula|vba)\b|\b(write|schrijf)\b.{0,20}\b(code|script|functie|function|programma|program)\b|\bprogrammeer|\bdebug\b/,
  /\b(cv|curriculum|sollicitatiebrief|motivatiebrief)\b|\bopeningstijden\b|\bverjaardag van (mijn|m'n) (moeder|vader|partner|vriend|vriendin|zus|broer|kind)\b|\bresume\b|\bcover letter\b|\bopening hours\b/,
  /\bhoe laat (sluit|gaat|is|begint)\b|\b\d+ (keer|maal|x|plus|min|gedeeld door|times) \d+\b|\bsamenvatting\b|\bsummar(y|ise|ize)\b|\bin rijm|\bin rhymes?\b/,
  /\b(raad je|kun je .{0,20}aanraden|welke .{0,30}(raad je aan|is het best)|recommend|suggest (a|some|me))\b|\b(prime minister|premier|president|koning|king|queen|koningin) (of|van)\b|\b(inwoners|population) (van|of)\b|\bhoe laat (vertrekt|gaat|rijdt) de (trein|bus)\b|\bwhen does the (train|bus)\b|\b(book|boek) (a|een) (flight|vlucht)\b|\b(netflix|pizzeria|calorie\w*)\b|\b(wifi|wachtwoord resetten|reset (my |the )?(\w+ )?password)\b|\b(wortel|square root) (van|of)\b|\b(vakantie|holiday|trip)\b.{0,30}\b(plannen|boeken|plan|book)\b|\b(plan|boek|book)\b.{0,20}\b(vakantie|holiday|trip)\b|\bparental leave\b/,
  /\b(write|schrijf|help me (write|with)|opstellen)\b.{0,30}\b(performance review|beoordelingsgesprek|speech|toespraak|cover letter|afscheidsspeech|uitnodiging voor (een|de) (borrel|feest|uitje))\b/,
  /\bhoofdstad van\b|\bcapital of\b|\bwie wint\b|\bwho (will )?win|\bvoetbal|\bfootball\b|\bhoroscoop|\bvertaal\b|\bvertalen\b|\btranslate\b|\bsamenvatting van (het|dit) (boek|artikel)\b|\bbitcoin koers|\baandelenkoers\b/,
];

/** Words that show a message is about integrity after all ("vakantiedagen" + "nevenwerk" is a real question). */
const INTEGRITY_TERMS =
  /\b(integriteit|integrity|gedragscode|geschenk|cadeau|gift|kerstpakket|relatiegeschenk|uitnodiging|invitation|nevenwerk|nevenfunctie|nevenactiviteit|side job|belang|conflict of interest|leverancier|supplier|vertrouwenspersoon|melden|melding|misstand|klokkenluid|whistleblow|lobby|fraude|fraud|omkop|brib|eed|ambtseed|vertrouwelijk|confidential|gepest|intimid|bedreig|ongewenst)/;

// ---------- smalltalk ----------

const GREETING = /^(hoi|hallo|hey|hi|hello|hee|goedemorgen|goedemiddag|goedenavond|good (morning|afternoon|evening)|dag|yo|hoihoi)\b[\s!.,]*(bot|daar|there)?[\s!.,]*$/;
const THANKS = /^(dank( je| u)?( wel)?|bedankt|thanks|thank you|thx|top|fijn|super|ok(e|ay)?( dank(je)?| thanks)?|duidelijk)[\s!.,]*(bot)?[\s!.,]*$/;
const HELP = /^(help|\?+|hulp|menu|start|wat kun je( allemaal)?( doen)?|wat kan je( allemaal)?( doen)?|what can you do|hoe werkt (deze|de|jij|je) ?(bot)?|who are you|wie ben jij|wat ben jij)[\s!?.]*$/;

// ---------- handoff vs advice ----------

const ACTOR =
  '(secretaris|stagiair|medewerkers|aannemer|adviseur|consultant|someone|collega|collegas|collega\'s|manager|leidinggevende|baas|chef|directeur|teamleider|afdelingshoofd|wethouder|burgemeester|raadslid|medewerker|leverancier|iemand (op|van|in) (mijn|ons|onze) (werk|afdeling|team)|colleague|colleagues|boss|supervisor|director|team lead|coworker|co-worker|contractor)';

export const HANDOFF_GROUPS: PatternGroup[] = [
  {
    // The writer is (or feels) harassed, bullied, threatened, discriminated against.
    name: 'victim',
    weight: 3,
    patterns: [
      // Names and jokes aimed at who the writer is.
      /\b(noemen|noemt|noemde|schelden|scheldt|uitgemaakt voor|grappen over)\b.{0,60}\bomdat ik\b|\bomdat ik (homo|lesbisch|biseksueel|transgender|trans|moslim|joods|zwart|vrouw|gehandicapt|autistisch|een hoofddoek draag)\b/,
      /\bfollowed me\b|\bmake my life (hell|miserable)\b|\bbecause i'?m (gay|lesbian|bisexual|trans|muslim|jewish|black|a woman|disabled)\b/,
      /\b(ik|me|mij) (word|wordt|werd|ben|voel me) .{0,30}(gepest|geintimideerd|bedreigd|lastig ?gevallen|uitgescholden|gediscrimineerd|buitengesloten|vernederd|gekleineerd|betast|aangerand|achtervolgd|gestalkt|onder druk gezet|geschoffeerd)/,
      /\b(pest|pesten|intimideert|intimideren|bedreigt|bedreigen|kleineert|vernedert|discrimineert|betast|scheldt|schreeuwt|dreigt)\b.{0,20}\b(me|mij|ons)\b/,
      /\b(me|mij)\b.{0,25}\b(gepest|geintimideerd|bedreigd|lastiggevallen|uitgescholden|gediscrimineerd)/,
      /\bongewenst(e)? (gedrag|omgangsvorm|omgangsvormen|aanraking|aanrakingen|opmerkingen|intimiteiten)\b.{0,40}\b(mij|me|ik|mijn)\b|\b(ik|mij|me)\b.{0,40}\bongewenst(e)? (gedrag|aanraking|opmerkingen)/,
      /\b(seksueel getinte|seksuele|schunnige|racistische|seksistische|kwetsende|vernederende) (grappen|opmerkingen|berichten|appjes|toespelingen)\b.{0,30}\b(mij|me|ik)\b|\b(mij|me|ik)\b.{0,40}\b(seksueel getinte|schunnige|racistische|seksistische|kwetsende) (grappen|opmerkingen)/,
      /\bopmerkingen over mijn\b|\b(hand|handen|arm) (op|om) mijn\b|\baan mijn (billen|been|benen|borsten|haar|lichaam)\b|\b(sluiten|sluit|houden|hielden) (me|mij)\b.{0,25}\bbuiten\b|\b(lachen|lacht) (me|mij) uit\b|\bmaken? (me|mij) belachelijk\b|\bnegeren (me|mij)\b/,
      /\b(dreigt|dreigde|gedreigd|chanteert|chanteerde|gechanteerd|onder druk (gezet|zetten|zet))\b|\bals ik niet\b.{0,60}\b(dan|ontslagen|kwijt|slechte|gevolgen)|\b(mijn baan|mijn contract|mijn functie|mijn beoordeling)\b.{0,30}\b(kwijt|verlies|op het spel|slecht)|\bongevraagd\w*\b.{0,40}\b(foto|berichten|appjes|aanrakingen)|\bvoel me (er )?(niet op mijn gemak|ongemakkelijk|onveilig)/,
      /\b(aan (te )?raken|aanraakt|aanrakingen|betasten|zit (me|mij) (steeds |telkens )?aan)\b.{0,60}\b(ik|me|mij)\b|\b(me|mij)\b.{0,30}\b(aan (te )?raken|aanraakt|betasten)\b|\b(ik )?(zeg|heb gezegd|aangeef|aangegeven|laat merken) dat ik (dat|het) niet wil\b/,
      /\bkeeps? asking me out\b|\beven though i (said|told|asked) (no|him|her|them)\b|\bblijft (me|mij) (mee uit )?vragen\b|\bterwijl ik (nee|duidelijk nee) (heb gezegd|zei)\b/,
      /\buncomfortable\b|\bkeeps? (touching|texting|messaging|calling|staring|commenting|following|hugging)\b|\btouch(ing|ed|es)? my\b|\bpressur(e|es|ed|ing) me\b|\bthreaten(s|ed|ing)? (me|to fire me|my job)\b|\bblackmail/,
      /\b(kneep|knijpt|greep|grijpt|pakte|pakt|sloeg|slaat|duwde|duwt|raakte|raakt|zat|zit)\b.{0,30}\b(in|op|aan|tegen) (mijn|m'n) (bil|billen|kont|been|benen|borst|borsten|dij|dijen|middel|heup|nek|rug|arm|gezicht)\b|\b(pinched|grabbed|slapped|touched|pushed|hit)\b.{0,20}\bmy (bum|butt|bottom|breasts?|chest|thighs?|legs?|waist|hips?|neck|face|arm)\b/,
      /\bseksuele? (intimidatie|opmerkingen|toespelingen)|\bopmerkingen over mijn (uiterlijk|lichaam|afkomst|geloof|kleur|geaardheid)|\bblijft (me|mij) (appen|berichten|bellen|mailen)|\bzit(ten)? (steeds )?aan (me|mij)\b|\bkomt (steeds|te) dichtbij/,
      /\b(i am|i'm|i was|i've been|i have been|i feel|am being)\b.{0,30}\b(harass|bullied|threatened|intimidated|discriminated|stalked|humiliated|touched|pressured|excluded)/,
      /\b(harass|bull(y|ies)|threaten|intimidat|discriminat|yell|scream|touch)\w*\b.{0,15}\b(me|us)\b|\bsexual (comments|remarks|jokes|advances|harassment|messages)|\b(comments|remarks|jokes) about my (body|looks|appearance|religion|background|skin)|\bunwanted (advances|touching|comments|attention)|\binappropriate (comments|touching|messages|behaviou?r) (towards|to) me/,
    ],
  },
  {
    // A concrete suspicion of misconduct: a wrongdoing word plus the writer's own observation or an actor near them.
    name: 'misconduct',
    weight: 2,
    patterns: [
      /\bfraude|\bfraudeert|\bfrauduleu|\bsjoemel|\brommel(t|en|de)\b|\bsteelt\b|\bgestolen\b|\bdiefstal|\bverduister|\bachterover(ge)?dru|\bvervals|\bvalse (declaratie|facturen|uren)|\bdeclare(ert|ren|erde) (te veel|dubbel|vals|uren die)|\bsmeergeld|\bsteekpenning|\bomkop|\bcorrupt|\bbevoordee?l|\bvriendjespolitiek|\bspeelt .{0,25}door\b|\bdoorgespeeld|\bneemt (geld|cadeaus|smeergeld|steekpenningen) aan|\bkickback|\bmisbruik(t)? .{0,20}(positie|macht|middelen|gegevens|pas)|\bknoei|\bwanbeleid|\bliegt over/,
      /\bdoorspee?l|\bdoorgespeeld|\btoespee?l|\btoegespeeld|\bspeelt\b.{0,50}\b(door|toe)\b|\bopblaas|\bopgeblazen|\bdeclare\w*\b.{0,50}\bnooit\b|\bprive-?mail|\bprivemail|\bmee ?naar huis\b.{0,40}\b(dossier|stukken|gegevens)|\b(dossier|stukken|gegevens)\w*\b.{0,40}\bmee ?(naar huis|nam|genomen)|\bverdwijnen\b|\bverdwenen\b|\bgekregen van\b.{0,40}\b(contract|opdracht|aanbesteding)|\b(aan|naar|bij|voor) (zijn|haar|een) (neef|nicht|broer|zus|zwager|schoonzus|schoonbroer|vriend|vriendin|partner|vrouw|man)\b|\bbevriend(e)? (bureau|bedrijf|partij)|\bbedrijf van (zijn|haar|een) (vriend|vriendin|broer|zus|neef|zwager|partner|vrouw|man)\b/,
      /\b(laat|liet|laten)\b.{0,50}\b(betalen|vergoeden|declareren)\b.{0,30}\b(uit|door|van|met)\b.{0,15}\b(budget|projectbudget|project|organisatie|zaak|ministerie|gemeente|belastinggeld|subsidie)|\b(eigen|prive)\w*\b.{0,40}\b(op kosten van|uit het budget|van de zaak betalen)|\bneemt\b.{0,40}\b(spullen|materiaal|apparatuur|laptops?|geld)\b.{0,20}\bmee\b|\bkantoorspullen\b|\bverkoopt\b.{0,30}\b(gegevens|data|informatie|toegang)|\bzit aan (de kas|het geld)\b/,
      /\b(kijkt|keek|zoekt|snuffelt)\b.{0,30}\b(in|door)\b.{0,30}\b(mailbox\w*|dossiers?|systemen|gegevens)\b.{0,40}\b(zonder|terwijl|niet mag|mag niet)|\bzonder dat (dat|het) mag\b|\b(claim\w*|declar\w*)\b.{0,40}\b(never|nooit)\b.{0,20}\b(made|took|gemaakt|gereden|gereisd)/,
      /\bvoor (zichzelf|eigen gewin|eigen gebruik|eigen rekening)\b|\bhoudt het verschil\b|\bin (zijn|haar|eigen) (eigen )?zak\b|\buren die (ik|hij|zij|ze) niet\b|\bniet gewerkt\b|\b(opdracht|contract|order)\b.{0,40}\b(beloofd|toegezegd|vooraf gegund|doorgestoken)\b|\bvoor(dat|af aan) de aanbesteding\b/,
      /\b(op kosten van|betaald door|gesponsord door|paid for by|at the expense of|sponsored by) (een|de|het|a|the) (leverancier|aannemer|bedrijf|adviesbureau|projectontwikkelaar|supplier|contractor|vendor|developer|consultancy)\b/,
      /\bpromis\w* (a |the )?(contract|tender|order|job)\b|\bbefore the tender\b|\b(rigged|fixed) (the )?(tender|procurement|bid)\b|\bfor (himself|herself|themselves|personal gain)\b/,
      /\bsell(s|ing)? (data|information|access|records)\b|\bpocket(s|ing|ed)?\b|\b(private|personal) (renovation|expenses?|trips?)\b.{0,40}\b(budget|company|project)/,
      /\b(his|her|their) (brother|sister|wife|husband|partner|friend|cousin|nephew|son|daughter)'?s? (company|firm|business)\b|\bapproves? .{0,40}\b(own|brother|sister|friend|relative)|\bsteer(s|ing)? (contracts|orders|work) to\b/,
      /\bfraud|\bembezzl|\bsteal|\bstole\b|\btheft\b|\bbrib|\bkickback|\bfalsif|\bcook(s|ing)? the books|\bfiddl|\bcorrupt|\bmisus(e|es|ing) (company|public|funds|money|data|his|her)|\bleaking\b|\bleaked\b|\bfavou?rs? (a|his|her|their) (friend|relative|brother|sister)|\bfake (invoices|expenses|hours)/,
    ],
  },
  {
    // The writer saw, heard, found or suspects something themselves.
    name: 'own-observation',
    weight: 1.5,
    patterns: [
      /\bik (zag|zie|heb gezien|merk|merkte|vermoed|denk dat|weet dat|ontdekte|heb ontdekt|heb gehoord|hoorde|heb het vermoeden|heb een vermoeden|heb sterk het idee|verdenk)\b|\bvolgens mij\b.{0,40}\b(fraude|steelt|sjoemelt|rommelt|vervalst)|\bik heb het gevoel dat\b/,
      new RegExp(`\\b(mijn|onze|m'n|een|die)\\s+${ACTOR}\\b`),
      /\b(op|bij|in|binnen) (mijn|ons|onze|m'n) (afdeling|werk|team|kantoor|organisatie|gemeente|ministerie|directie|dienst|unit)\b/,
      /\bi (saw|see|noticed|notice|suspect|think|found out|discovered|know|heard|believe|overheard)\b|\bi have (seen|noticed|found)\b/,
      new RegExp(`\\b(my|our|a)\\s+${ACTOR}\\b`),
      /\b(in|at|within) (my|our) (team|department|office|unit|organi[sz]ation|ministry|work|municipality)\b|\bat work\b/,
    ],
  },
  {
    // The writer did something wrong and wonders what now.
    name: 'own-wrongdoing',
    weight: 3,
    patterns: [
      /\bi (already |have already )?(started using|been using|kept using|have been using)\b|\bwhat (should|do|can|must) i do now\b/,
      /\bik heb (toch|al|per ongeluk|stiekem|onbedoeld|zonder toestemming|zonder het te melden|het niet gemeld|niet gemeld)\b.{0,60}\b(aangenomen|gehouden|gelekt|gedeeld|doorgestuurd|gestuurd|gemaild|verstuurd|gebruikt|gedaan|geaccepteerd|gekregen|gepost|getweet|ingelogd|opgezocht|bekeken|meegenomen|gedeclareerd|gewerkt|aangenomen)/,
      /\bper ongeluk\b.{0,100}\b(gelekt|gemaild|gestuurd|gedeeld|verstuurd|doorgestuurd|gepost|verloren|laten liggen|ingezien|opgezocht|geopend)|\bheb ik (een fout|iets fout|iets verkeerd)|\bik ben in de fout|\bik heb (een fout|iets fouts|iets verkeerds|een grote fout|een stomme fout)\b|\bik heb .{0,40}\b(gelekt|verzwegen|achtergehouden)\b/,
      /\bik (heb|ben)\b.{0,80}\b(laten liggen|verloren|kwijtgeraakt|kwijt geraakt|vergeten te melden|nooit gemeld|niet gemeld|nooit opgegeven|niet opgegeven)\b|\b(heb|had) (dat|dit|het) (nooit|niet) (gemeld|gevraagd|opgegeven|aangegeven)\b|\bik heb\b.{0,80}\bzonder (het te (vragen|melden|zeggen|overleggen)|toestemming( te vragen)?|te (vragen|melden|overleggen)|overleg)\b|\b(nu|achteraf) (heb ik )?(spijt|twijfel ik)\b|\bwat (moet|kan|ga) ik nu( doen)?\b/,
      /\b(journalist|pers|media|press|reporter)\b.{0,40}\b(gegeven|gestuurd|gelekt|doorgespeeld|verteld|gave|sent|leaked|told)\b|\b(gegeven|gestuurd|gelekt|doorgespeeld|gave|sent|leaked)\b.{0,40}\b(journalist|pers|press|reporter)\b|\bbang dat ik\b.{0,30}\b(fout|verkeerd|iets)\b|\bafraid i (made|did)\b|\bwat nu\b.{0,3}$/,
      /\bklopt dat wel\b|\bwas dat (wel )?(goed|fout|toegestaan|verstandig)\b|\bheb ik (het )?(goed|fout) gedaan\b|\bik ben (toch |wel |gewoon )?gegaan\b|\bik heb (toch |gewoon )?(ja gezegd|geaccepteerd|aangenomen)\b/,
      /\bi (accepted|took|kept|lost|left|forgot|sent|shared|used|signed|gave|told)\b.{0,80}\b(regret|now|without|never|shouldn'?t|wrong|trouble|what do i do)|\bnow i regret\b|\bi (never|didn'?t) (report|declare|disclose|mention)(ed)?\b|\bwithout (asking|permission|telling|reporting)\b/,
      /\bnaar de verkeerde (persoon|partij|ontvanger|afdeling|externe)|\bvergeten\b.{0,80}\b(melden|registreren|op te geven|aan te geven)\b|\bniet (gemeld|opgegeven|geregistreerd) (dat|terwijl)\b|\b(ben ik nu|word ik nu|ik ben nu) (strafbaar|ontslagen|de klos)|\bkrijg ik (nu )?(straf|problemen|een berisping|ontslag)/,
      /\bi (accidentally|mistakenly|inadvertently)\b|\bi already (accepted|took|kept|sent|shared|used|signed)\b|\bi (messed|screwed) up\b|\bi shouldn'?t have\b|\bi made a (mistake|big mistake)\b|\bi (leaked|forgot to (report|declare|register|disclose))\b|\bam i in trouble\b|\bwill i (be fired|get fired|lose my job)\b|\bi (did|have done) something wrong\b/,
    ],
  },
  {
    // Someone pressures or bribes the writer, or punishes them for speaking up.
    name: 'pressure-or-retaliation',
    weight: 3,
    patterns: [
      // Being punished after going to the vertrouwenspersoon or speaking up, told without the word "melding".
      /\bsinds ik\b.{0,60}\b(bij de vertrouwenspersoon|aan de bel|iets (heb )?gezegd|mijn mond (heb )?opengedaan|het (heb )?aangekaart)\b|\b(is dit|voelt (dit|het) als|als) (een )?straf\b/,
      /\b(aangeboden|bood\b.{0,30}\baan|biedt\b.{0,30}\baan)\b.{0,50}\b(als ik|zodat ik|in ruil)\b|\b(vroeg|vraagt|verzocht|dwingt|dwong) (me|mij)\b.{0,50}\b(aan te passen|te wijzigen|te verwijderen|te verbergen|te tekenen|goed te keuren|weg te laten|te antedateren|te verzwijgen|niets te zeggen|door te sturen)\b/,
      /\b(heeft|had|hebben) (me|mij) (opgedragen|bevolen|verplicht)\b.{0,70}\b(te herschrijven|aan te passen|te veranderen|te verwijderen|weg te laten|te verzwijgen|positief|mooier)\b|\b(moet|zou) (ik )?(moet )?zwijgen\b|\banders (krijg|word|ben) ik\b|\bor (else )?i('ll| will) (be|get|lose)\b/,
      /\b(heeft|had|hebben) (me|mij) gevraagd\b.{0,70}\b(door te sturen|te sturen naar|te veranderen|aan te passen|te verwijderen|te tekenen|goed te keuren|te verzwijgen|te lekken|te geven aan)\b|\bna mijn melding\b|\bnadat ik\b.{0,30}\b(gemeld|aangekaart|geklaagd)\b|\bafter (i|my) (report|complain|raised)/,
      /\bik (werd|word|ben) (gevraagd|gedwongen|opgedragen|verplicht)\b.{0,60}\b(aan te passen|te wijzigen|te verwijderen|te verbergen|te tekenen|te verzwijgen|weg te laten|te antedateren|achter te houden|in te vullen)\b|\bi (was|am|have been|got) (asked|told|pressured|forced|ordered|instructed) to\b.{0,30}\b(backdate|backfill|change|alter|delete|hide|falsify|fake|sign|approve|ignore|cover|shred|remove|rewrite|invent)\b/,
      /\boffered me\b.{0,50}\b(if|to|in exchange)\b|\b(asked|told|pressured|forced|wants) me to (backdate|change|alter|delete|hide|falsify|sign|approve|ignore|cover|keep quiet|shred)\b/,
      /\bsinds ik\b.{0,50}\b(kritiek|gemeld|melding|aangekaart|klaagde|bezwaar|gewaarschuwd)|\b(ontslagen|overgeplaatst|gedegradeerd|weggezet)\b.{0,40}\b(omdat|nadat|sinds) ik\b|\bik word\b.{0,30}\b(genegeerd|voor gek gezet|belachelijk gemaakt|tegengewerkt|weggezet|buitengesloten|zwartgemaakt)/,
      /\b(fired|demoted|transferred|sidelined|punished|excluded)\b.{0,40}\b(because|after|since) i\b|\bsince i (reported|raised|complained|spoke up)\b/,
    ],
  },
  {
    // Favouring family, misusing access or data, an incident of the writer's own.
    name: 'misuse-or-incident',
    weight: 3,
    patterns: [
      /\b(gegund|opdracht gegeven|aangenomen|benoemd|ingehuurd|binnengehaald)\b.{0,50}\b(schoonzoon|schoondochter|schoonzus|schoonbroer|zwager|neef|nicht|broer|zus|partner|vrouw|echtgenote|zoon|dochter|vriend|vriendin)\b|\b(schoonzoon|schoondochter|zwager|neef|nicht|broer|zus|zoon|dochter|vriend)\b.{0,50}\b(gegund|ingehuurd|aangenomen|benoemd)\b/,
      /\b(awarded|gave|hired|appointed)\b.{0,50}\b(son-in-law|brother-in-law|nephew|niece|brother|sister|wife|husband|son|daughter|friend)\b/,
      /\b(inlog|inloggegevens|wachtwoord|toegangspas|password|login|credentials)\b.{0,40}\b(gedeeld|gegeven|uitgeleend|doorgegeven|shared|gave|lent)\b|\b(gedeeld|uitgeleend|shared|gave)\b.{0,20}\b(mijn|my) (inlog|wachtwoord|pas|password|login|credentials)\b/,
      /\b(klant|client|burger|customer|patient)\w*[ -]?(data|gegevens|dossiers?|records)\b.{0,60}\b(side business|eigen bedrijf|bijbaan|prive|personal|own)\b|\b(side business|eigen bedrijf)\b.{0,60}\b(klant|client|customer)\w*/,
      /\bik (ben|was|werd)\b.{0,30}\b(dronken|boos geworden|uitgevallen|te ver gegaan|over de schreef)\b|\bhoe (los ik dit op|maak ik dit goed|herstel ik dit|kan ik dit rechtzetten)\b|\bhow (do|can) i (fix|undo|make (this|it) right)\b/,
    ],
  },
  {
    // Generic "own situation + something bad happened": the writer speaks about themselves and names an event or a
    // distressed state, in words no topic group lists ("er is iets voorgevallen", "ik lig er wakker van", "I feel
    // shaken"). Unseen wordings of a handoff mostly look like this, so it weighs as much as a topic group would not.
    name: 'own-distress',
    weight: 2,
    patterns: [
      /\b(ik zit|zit ik)\b.{0,15}\b(in de knoop|in de problemen|in de nesten)\b|\bvreet aan (me|mij)\b|\bi'?m (shaking|terrified)\b|\bi am (shaking|terrified)\b/,
      /\b(ik|mij|me|mijn|ons)\b.{0,60}\b(wakker (van|om)|zit(ten)? (er |ergens )?(erg |enorm )?mee|niet lekker|schaam|schuldig|zenuwachtig|overstuur|van slag|in de knel|klem|(niet|niet meer|nergens) veilig|durf (niet|het niet|niks)|machteloos|ten einde raad|de weg kwijt|niet meer naar (mijn |het )?werk|ziek van|kapot van|bang)\b/,
      /\ber (is|was) (iets|van alles|een incident) (gebeurd|voorgevallen|misgegaan|mis gegaan)\b|\ber (speelt|gebeurt|gebeuren|spelen) (iets|dingen|zaken)\b|\b(meegemaakt|overkomen|voorgevallen)\b|\bniet (door de beugel|pluis|in orde|normaal|oke|ok)\b|\bover de grens\b|\bover de schreef\b/,
      /\b(vertrouwelijk|in vertrouwen|onder vier ogen)\b.{0,30}\b(praten|spreken|bespreken|vertellen|kwijt)\b|\b(met|bij) iemand\b.{0,30}\b(praten|kwijt|bespreken)\b.{0,40}\b(over|wat)\b|\bik weet (echt )?niet (meer )?(bij wie|wat ik (moet|kan)|hoe ik|of ik)\b|\bniet (bespreken|vertellen|zeggen) (met|tegen|aan) mijn\b/,
      /\bi (feel|felt|am|was|'m|get)\b.{0,30}\b(shaken|scared|afraid|uneasy|unsafe|ashamed|guilty|awful|terrible|sick|anxious|nervous|humiliated|powerless|desperate)\b|\bi (dread|can'?t sleep|cannot sleep|can'?t stop thinking|cannot stop thinking|don'?t trust|do not trust)\b|\bsomething (happened|is going on|went wrong)\b|\b(really |just )?not (ok|okay|right|normal)\b|\bcrossed a line\b/,
      /\b(talk|speak) to (someone|somebody|anyone)\b.{0,40}\b(confidential|in confidence|privately|about (what|something|my))|\bi (don'?t|do not) know (who|what|where|how) to\b|\b(can'?t|cannot) (discuss|talk about|raise) (this|it) with my\b/,
    ],
  },
  {
    // A broad vocabulary of things being wrong. Alone it is not enough (questions about rules use these words
    // too); together with an actor, the writer's own narrative or a feeling it tips towards handoff.
    name: 'wrongness',
    weight: 2,
    patterns: [
      /\b(fraud\w*|frauduleu\w*|steel\w*|stal|gestolen|diefstal|verduister\w*|vervals\w*|gemanipuleerd|manipul\w*|sjoemel\w*|knoei\w*|gelogen|liegt|smeergeld|steekpenning\w*|omgekocht|omkop\w*|corrupt\w*|voortrek\w*|gelekt|lekt|gewist|vernietigd|achtergehouden|verzwegen|drugs|dronken|schreeuw\w*|scheld\w*|uitgescholden|racist\w*|seksist\w*|grensoverschrijd\w*|onveilig|misbruik\w*|wangedrag|per abuis|per ongeluk|trakteren|laat zich .{0,20}(trakteren|betalen|fêteren)|klopt niet|niet klopt|niet eerlijk|niet in de haak|niet oke|niet ok)\b/,
      /\b(fraud\w*|steal\w*|stole|stolen|theft|embezzl\w*|falsif\w*|faked?|manipulat\w*|doctored|deleted?|deleting|destroy\w*|shred\w*|brib\w*|kickbacks?|corrupt\w*|leak\w*|drugs|drunk|harass\w*|bull(y|ies|ied|ying)|threat\w*|yell\w*|scream\w*|shout\w*|intimidat\w*|discriminat\w*|racis\w*|sexis\w*|unsafe|uncomfortable|inappropriate|abus\w*|misconduct|wrongdoing|cover(ed|s|ing)? up|takes credit|retaliat\w*|illegal|unlawful|by mistake|accidentally|regret)\b/,
    ],
  },
  {
    // The writer tells what happened or is happening to them ("ik heb …", "ik zag …", "I saw …").
    name: 'own-narrative',
    weight: 1,
    patterns: [
      /\bik (heb|had|ben|was|word|werd|zag|zie|merk|merkte|hoorde|weet|wil dat niet|voel)\b|\b(mij|me)\b.{0,30}\b(gestuurd|gevraagd|gezegd|aangeboden|gegeven)\b|\ber is iemand\b|\biemand (op|van|in) (mijn|ons|onze)\b/,
      /\bi (have|had|was|am|saw|see|noticed|heard|feel|felt|know|found|did)\b|\b(someone|somebody) (in|at|on) (my|our)\b/,
    ],
  },
  {
    // The writer wants to report something concrete (not: how reporting works in general).
    name: 'report-intent',
    weight: 3,
    patterns: [
      /\bik wil\b.{0,40}\b(melden|melding (maken|doen)|aangeven|aankaarten|aanklagen|klokkenluiden)\b|\b(hoe|waar|bij wie) (meld|kan ik|moet ik)\b.{0,20}\b(dit|dat|hem|haar)\b.{0,15}\b(melden|aankaarten)?|\bmoet ik (dit|dat|het) melden\b|\bik twijfel of ik (dit|dat|het|hem|haar|mijn \w+) (moet |ga )?melden/,
      /\bi (want|need|would like|'d like|have) to (report|blow the whistle|file a complaint)\b|\bhow (do|can|should) i report (this|that|him|her|it|my)\b|\bshould i report (this|that|it|him|her|my)\b|\bwhere (do|can) i report (this|that|it)\b/,
    ],
  },
  {
    // Fear of consequences around the writer's own case.
    name: 'fear',
    weight: 2,
    patterns: [
      /\bik durf (het |dit |dat )?niet|\bbang (voor|dat) (represailles|de gevolgen|mijn baan|ontslag|wraak|hij|zij)|\bik word (nu )?benadeeld|\bsinds mijn melding\b|\bik voel me (er )?(heel |erg |zo )?(niet veilig|onveilig|rot|bang|gekleineerd|vernederd|bedreigd|machteloos)/,
      /\bafraid (of|that)\b|\bscared (of|to|that)\b|\bretaliat|\bi (don't|do not) feel safe\b|\bsince i reported\b/,
    ],
  },
  {
    // Advice, not handoff: questions about how things work in general.
    name: 'general-question',
    weight: -3,
    patterns: [
      /^(hoe werkt|wat (is|zijn|doet|houdt|betekent)|wat valt onder|welke|wie is|wie zijn|wie mag|wat gebeurt er (als|met|na)|hoe lang|hoe vaak|is er|zijn er|bestaat er|mag een|kan een|moet een|geldt)\b/,
      /\bin het algemeen\b|\balgemene vraag\b|\bhypothetisch|\bstel dat\b|\bals ik (het |dit |dat |zoiets |er )?ooit\b|\bmocht ik (ooit )?\b|\btheoretisch|\bvoor een (cursus|presentatie|training|workshop|nieuwsbrief)\b|\bbeleid\b|\bprocedure\b|\bwerkwijze\b|\bregels? (over|voor|rond)\b|\bals ik\b.{0,30}\b(een|iets|mijn)\b.{0,40}\bmeld\b|\bis dat (wel )?toegestaan\b/,
      /^(mag|mogen|kan|kunnen|moet|moeten|zal|zullen) (de|het) (?!(nu|dan)\b)|^(can|may|could|must|should|will|does|do) (the|a|an) /,
      /^(how (does|do|is|are|long)|what (is|are|does|happens|counts)|who (is|are|can)|which|is there|are there|can a|may a|does a)\b|\bin general\b|\bhypothetical|\bif i ever\b|\bshould i ever\b|\bis (that|this|it) allowed\b|\bif i (report|were to report)\b/,
    ],
  },
  {
    // Asking permission ("mag ik …", "can I …") is how rule questions start; a story about one's own situation
    // rarely does. Weaker than general-question: a real handoff signal still outweighs it.
    name: 'permission-question',
    weight: -2,
    patterns: [
      /^(mag|mogen|moet|hoef|kan) (ik|je|we|wij|mijn|een)\b(?!.{0,20}\b(dit|dat|hem|haar|het) (melden|aankaarten))|^is het (toegestaan|goed|ok|oke|verstandig) (om|als|dat)\b|\b(mag|mogen) (ik|we|wij) (dat|dit|het|daarop|daarheen|die|deze|zo'n|zoiets|erop|ernaartoe)\b[^.!?]{0,30}\?$/,
      /\b(is dat|is het|is that|is it) (erg|toegestaan|een probleem|a problem|allowed|okay|ok|oke)\b|\bwat zijn (hier )?de regels\b|\bwhat are the rules\b|\bhoeveel tijd (heb|krijg) ik\b|\bdo i (have|need) to (inform|tell|ask|publish|declare|register)\b/,
      /^(can|may|should|must) (i|we|my|a)\b(?!.{0,20}\breport (this|that|him|her|it)\b)|^(am i|are we) allowed\b|^do i (need|have) to (report|declare|disclose|register|tell)\b|^is it (ok|okay|allowed|fine) (to|if)\b|\b(can|may) (i|we) (accept|keep|go|attend) (it|this|that|them)\b[^.!?]{0,30}\?$/,
    ],
  },
  {
    // A leidinggevende asking how to handle a report is advice (the steps, cited).
    name: 'manager-handling-report',
    weight: -4,
    patterns: [
      /\b(als|ik ben( de| een)?)\s+(afdelingshoofd|teamleider|leidinggevende|manager|directeur|teamchef|unitmanager)\b.{0,160}\b(verteld|vertelde|vertelt|gezegd|in vertrouwen)\b/,
      // The writer introduces themselves as the manager and the message is about a report someone made.
      /\b(als|ik ben( de| een)?)\s+(afdelingshoofd|teamleider|leidinggevende|manager|directeur|teamchef|unitmanager)\b.{0,120}\b(melding|meldt|meldde|gemeld|fraudemelding|aangekaart|aangegeven)\b/,
      /\bas an? (team lead|team leader|manager|supervisor|head of (department|unit))\b.{0,140}\b(report(ed|s)?|flagged|complain(ed|t)|whistleblow\w*)\b/,
      /\b(een|de|die) melding (binnengekregen|gekregen|ontvangen|binnen)\b|\bmijn medewerker\b.{0,40}\b(meldt|meldde|heeft .{0,20}gemeld|kwam (bij|naar) mij|komt (bij|naar) mij|vertelt|vertelde|zegt|zei)\b|\b(medewerker|teamlid) (heeft|kwam|komt)\b.{0,30}\b(gemeld|bij mij|naar mij)\b|\bals (manager|leidinggevende|teamleider|afdelingshoofd)\b.{0,60}\b(melding|meldt|gemeld|omgaan|reageren|handelen|afhandelen)\b|\bhoe (ga ik|moet ik) (om met|omgaan met) (een|de|die|deze) melding|\bals (leidinggevende|manager|teamleider|afdelingshoofd|directeur)\b.{0,80}\b(merk|hoor|zie|weet|krijg) ik\b|\bik ben (de )?(teamleider|leidinggevende|manager|afdelingshoofd|directeur)\b.{0,60}\b(medewerker|teamlid|iemand)\b.{0,30}\b(meldt|meldde|vertelt|vertelde|zegt|klaagt)\b|\bals (leidinggevende|manager|teamleider|afdelingshoofd)\b.{0,60}\b(iemand in|een van|een lid van) mijn team\b/,
      /\b(iemand uit|een lid van|een van|een medewerker uit) mijn team\b.{0,40}\b(meldde|meldt|vertelde|vertelt|zei|zegt|kwam|klaagde|klaagt)\b|\bmedewerker van mij\b.{0,40}\b(verteld|vertelde|gemeld|meldde|zei|gezegd)\b|\bals (teamleider|leidinggevende|manager|afdelingshoofd|directeur)\b.{0,40}\b(kreeg|krijg|ontving|ontvang)\b.{0,40}\b(melding|signaal|klacht|vermoeden)\b|\b(mijn stappen|wat (moet|kan) ik doen|hoe handel ik) als (leidinggevende|manager|teamleider|afdelingshoofd)\b/,
      /\bmy (employee|staff member|team member|direct report)\b.{0,30}\b(came to me|told me|reported|complained|approached me)\b|\b(an|one of my) (employee|staff member|team member|staff|report)s?\b.{0,40}\b(reported|told me|came to me|complained)\b|\bhow (should|do|can) i (handle|respond to|deal with) (a|the|this|such a) (report|complaint)\b|\bas a (manager|supervisor|team lead)\b.{0,60}\b(report|complaint|tells me|told me|comes to me)/,
    ],
  },
];

/** Groups that name something wrong or someone's distress (the others only describe how the message is told). */
// ('misuse-or-incident' is left out on purpose: its "hoe los ik dit op" also ends every IT question.)
const VIOLATION_GROUPS = new Set(['victim', 'misconduct', 'own-wrongdoing', 'pressure-or-retaliation', 'own-distress', 'wrongness', 'report-intent', 'fear']);

/** Whether a message uses integrity vocabulary at all (used to tell "not covered" from "not our subject"). */
export function mentionsIntegrity(text: string): boolean {
  return INTEGRITY_TERMS.test(normalize(text));
}

/** Second-person references to the writer: a handoff needs the writer's own situation. */
const FIRST_PERSON = /\b(ik|mij|me|mijn|m'n|wij|we|ons|onze|i|my|our|us)\b/;

export interface TriageSignals {
  /** Topics of the top retrieved chunks (best first). */
  hitTopics?: Topic[][];
  /** Vote of the nearest labelled examples (triage-similar.ts); the core computes it once per message. */
  similar?: SimilarVote;
}

export interface TriageResult {
  intent: Intent;
  smalltalk?: 'greeting' | 'thanks' | 'help';
  /** Why: the names of the groups that matched (labels only, safe to log). */
  matched: string[];
  handoffScore: number;
  injection: boolean;
}

function matches(text: string, patterns: RegExp[]): boolean {
  return patterns.some((p) => p.test(text));
}

export const HANDOFF_AT = 3;

/**
 * How the similarity vote joins the pattern score (chosen by cross-validation on the examples, see
 * triage-similar-cv.ts). When the nearest example is at least NEAR_AT similar and handoff examples hold at least
 * MIN_SHARE of the k nearest examples' similarity, the vote adds WEIGHT × that share ("similar:handoff"), like a
 * matched group: with 40 % of its neighbours handoffs a message needs a real pattern besides; from 60 % on the
 * vote reaches HANDOFF_AT on its own (a missed handoff costs more than a needless one). Measured by 5-fold CV on
 * the 258 examples: handoff recall 34 % (patterns alone) → 84 % (combined), precision 93 %, no near miss handed
 * off, 6 % of plain advice handed off; a lower MIN_SHARE or a higher WEIGHT buys recall with advice false handoffs.
 * The vote also stands in for the first-person check, because the examples it resembles are about the writer's own
 * situation. Negative groups (general or permission questions, a manager handling a report) still pull the other
 * way, so near misses stay advice. Only the handoff share is used: advice and out-of-scope are left to the patterns.
 */
export const SIMILAR = { NEAR_AT: 0.08, MIN_SHARE: 0.4, WEIGHT: 5 } as const;

export function classify(text: string, signals: TriageSignals = {}): TriageResult {
  const t = normalize(text);
  const matched: string[] = [];

  if (matches(t, INJECTION)) return { intent: 'out-of-scope', matched: ['injection'], handoffScore: 0, injection: true };

  if (GREETING.test(t)) return { intent: 'smalltalk', smalltalk: 'greeting', matched: ['greeting'], handoffScore: 0, injection: false };
  if (THANKS.test(t)) return { intent: 'smalltalk', smalltalk: 'thanks', matched: ['thanks'], handoffScore: 0, injection: false };
  if (HELP.test(t)) return { intent: 'smalltalk', smalltalk: 'help', matched: ['help'], handoffScore: 0, injection: false };

  let score = 0;
  let positive = 0;
  for (const g of HANDOFF_GROUPS) {
    if (matches(t, g.patterns)) {
      matched.push(g.name);
      score += g.weight;
      if (g.weight > 0) positive += g.weight;
    }
  }
  const patternPositive = positive;
  const vote = signals.similar;
  // A plain off-topic request ("write a story about …") with no handoff pattern gets no vote: the examples are all
  // integrity messages, so whatever it resembles most says little.
  const offTopic = matches(t, OFF_TOPIC) && !INTEGRITY_TERMS.test(t);
  // "A poem for my colleague's farewell" speaks about a colleague but describes nothing wrong: an off-topic request
  // is only handed off when a group that names a violation or distress matched.
  const violation = matched.some((g) => VIOLATION_GROUPS.has(g));
  if (offTopic && !violation) return { intent: 'out-of-scope', matched: [...matched, 'off-topic'], handoffScore: score, injection: false };
  if (vote && !(offTopic && patternPositive === 0) && vote.nearest >= SIMILAR.NEAR_AT && vote.shares.handoff >= SIMILAR.MIN_SHARE) {
    const w = Math.round(SIMILAR.WEIGHT * vote.shares.handoff * 10) / 10;
    matched.push('similar:handoff');
    score += w;
    positive += w;
  }
  const firstPerson = FIRST_PERSON.test(t) || matched.includes('similar:handoff');
  // Retrieval signal: the best passages are about reporting or unwanted behaviour, and the writer speaks about
  // themselves with at least one violation pattern. Not for a question about rules (a negative group), and not on the
  // similarity vote alone: questions about reporting retrieve these passages by nature, so it would count twice.
  const questionForm = HANDOFF_GROUPS.some((g) => g.weight < 0 && matched.includes(g.name));
  const topTopics = (signals.hitTopics ?? []).slice(0, 2).flat();
  if (patternPositive > 0 && !questionForm && firstPerson && topTopics.some((x) => x === 'omgangsvormen' || x === 'melden' || x === 'klokkenluiders')) {
    matched.push('retrieval-topic');
    score += 1;
  }
  // A leidinggevende handling someone else's melding gets the steps (advice), unless the message is also about
  // the manager's own situation (harassed, pressured, or did something wrong).
  const ownSituation = ['victim', 'pressure-or-retaliation', 'own-wrongdoing'].some((g) => matched.includes(g));
  if (matched.includes('manager-handling-report') && !ownSituation) return { intent: 'advice', matched, handoffScore: score, injection: false };
  // Borderline: enough handoff signals about the writer, and nothing that marks the message as a question about rules
  // (any negative group: general or permission question, a manager handling a report).
  const unsure = positive >= 3 && firstPerson && score >= 1 && !questionForm;
  if ((score >= HANDOFF_AT && firstPerson) || unsure) {
    return { intent: 'handoff', matched, handoffScore: score, injection: false };
  }

  if (offTopic) {
    return { intent: 'out-of-scope', matched: [...matched, 'off-topic'], handoffScore: score, injection: false };
  }
  return { intent: 'advice', matched, handoffScore: score, injection: false };
}

// ---------- topic and audience ----------

export const TOPIC_KEYWORDS: Array<[Topic, RegExp]> = [
  ['omgangsvormen', /pest|intimid|bedreig|lastig ?gevallen|ongewenst|discrimin|uitgescholden|harass|bull(y|ied)|threat|seksue|kleineer|verneder/],
  ['klokkenluiders', /klokkenluid|whistleblow|huis voor klokkenluiders|misstand|maatschappelijk belang/],
  ['geschenken', /geschenk|cadeau|kerstpakket|gift|fles wijn|bon\b|cadeaubon|boekenbon|present|bloemen|relatiegeschenk/],
  ['uitnodigingen', /uitnodig|diner|lunch|etentje|evenement|congres|invitation|dinner|tickets?|concert|wedstrijd|reisje/],
  ['nevenwerkzaamheden', /nevenwerk|nevenfunctie|nevenactiviteit|bijbaan|side job|second job|eigen bedrijf|zzp|bestuursfunctie/],
  ['financiele-belangen', /aandelen|beleggen|belegging|crypto|shares|koersgevoelig|financiele belangen/],
  ['afkoelperiode', /draaideur|afkoel|overstappen naar|nieuwe baan bij|revolving door/],
  ['lobby', /lobby/],
  ['inkoop', /aanbested|inkoop|offerte|procurement|tender|opdracht gunnen/],
  ['informatie', /gelekt|lekken|lekt|datalek|vertrouwelijke? (informatie|stukken|gegevens)|geheimhouding|leak|confidential information|persoonsgegevens/],
  ['meningsuiting-sociale-media', /social media|sociale media|twitter|linkedin|facebook|instagram|tiktok|mening|opinie|ingezonden|posten/],
  ['privérelaties', /relatie met|verliefd|dating|mijn partner werkt|familielid/],
  ['buitenland', /buitenland|abroad|dienstreis/],
  ['middelen', /laptop|auto van de zaak|dienstauto|printer|telefoon van de zaak|bedrijfsmiddel|werkmiddel|declaratie|declareer|declareert/],
  ['belangenverstrengeling', /belangenverstrengeling|conflict of interest|zwager|familie|vriend .{0,20}(opdracht|sollicit)|bevoordeel|vriendjespolitiek/],
  ['eed-belofte', /\beed\b|belofte afleggen|ambtseed|oath/],
  ['stemonthouding', /stemonthouding|stemming|stemmen over|onthouden van stem/],
  ['screening', /\bvog\b|screening|veiligheidsonderzoek|integriteitstoets/],
  ['vertrouwenspersoon', /vertrouwenspersoon|\bvpi\b|confidential (adviser|advisor|counsellor)/],
  ['onderzoek', /onderzoek|investigat/],
  ['melden', /meld|fraude|steel|stole|diefstal|corrupt|sjoemel|rommel|report|fraud|brib|omkop|vervals|smeergeld/],
];

export function topicFromKeywords(text: string): Topic | null {
  const t = normalize(text);
  for (const [topic, re] of TOPIC_KEYWORDS) if (re.test(t)) return topic;
  return null;
}

export const AUDIENCE_PATTERNS: Array<[Audience, RegExp]> = [
  ['politiek-ambtsdrager', /\b(raadslid|raadsleden|wethouder|burgemeester|statenlid|statenleden|gedeputeerde|commissaris van de koning|dijkgraaf|bewindspersoon|staatssecretaris|gemeenteraad|provinciale staten|fractie|council member|councillor|alderman|mayor)\b|\bals (minister|politicus)\b/],
  ['coordinator', /\bals (integriteitscoordinator|integriteitsadviseur|vertrouwenspersoon|coordinator integriteit)\b|\bas (an )?integrity (officer|coordinator)\b/],
  ['leidinggevende', /\bmijn (medewerker|medewerkers|team|teamlid|teamleden)\b|\bals (manager|leidinggevende|teamleider|afdelingshoofd|chef|directeur)\b|\b(een|de) melding (binnengekregen|gekregen|ontvangen)\b|\bmy (employee|employees|team member|staff|direct report)s?\b|\bas (a )?(manager|supervisor|team lead)\b|\bone of my (staff|team members|employees)\b/],
  ['medewerker', /\bals (ambtenaar|medewerker|rijksambtenaar|beleidsmedewerker)\b|\bas a civil servant\b/],
];

export function audienceHint(text: string): Audience | null {
  const t = normalize(text);
  for (const [audience, re] of AUDIENCE_PATTERNS) if (re.test(t)) return audience;
  return null;
}
