// The 14 municipalities of Twente (server/store/migrations/0001_identity.sql).
export const MUNICIPALITIES = [
  {key: 'almelo', name: 'Almelo'},
  {key: 'borne', name: 'Borne'},
  {key: 'dinkelland', name: 'Dinkelland'},
  {key: 'enschede', name: 'Enschede'},
  {key: 'haaksbergen', name: 'Haaksbergen'},
  {key: 'hellendoorn', name: 'Hellendoorn'},
  {key: 'hengelo', name: 'Hengelo'},
  {key: 'hof-van-twente', name: 'Hof van Twente'},
  {key: 'losser', name: 'Losser'},
  {key: 'oldenzaal', name: 'Oldenzaal'},
  {key: 'rijssen-holten', name: 'Rijssen-Holten'},
  {key: 'tubbergen', name: 'Tubbergen'},
  {key: 'twenterand', name: 'Twenterand'},
  {key: 'wierden', name: 'Wierden'},
];

export function municipalityName(key) {
  return MUNICIPALITIES.find((m) => m.key === key)?.name || key || '—';
}
