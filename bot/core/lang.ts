/**
 * Language detection by counting common function words. Deliberately simple: the bot only needs to choose
 * between Dutch and English, and chat messages are short. Ties go to Dutch (the default audience).
 */
import type { Lang } from './types.js';

const NL = new Set(
  'de het een en ik je jij mijn mij me wij we ons onze is zijn was ben bent heb hebt heeft mag mogen moet moeten kan kun kunnen wil wat wie waar hoe wanneer waarom niet geen wel ook maar of dat die dit deze van voor met bij naar op aan over uit als dan nog al er om tot zich hij zij ze u uw jullie iets iemand graag dank bedankt hoi hallo goedemorgen welke zo toch even nu'.split(
    ' ',
  ),
);
const EN = new Set(
  'the a an and i you my me we our is are was were be been am have has had may can could should must will would what who where how when why not no do does did of for with at to on about from as than if that this these those it its he she they them your there any some please thanks thank hello hi hey which just now'.split(
    ' ',
  ),
);

export function detectLang(text: string): Lang {
  const words = text.toLowerCase().match(/[a-zà-ÿ']+/g) ?? [];
  let nl = 0;
  let en = 0;
  for (const w of words) {
    if (NL.has(w)) nl++;
    if (EN.has(w)) en++;
  }
  return en > nl ? 'en' : 'nl';
}
