/**
 * The personas of the demo organisation (libs/demo-data), one per role. The API lists no users
 * before sign-in, so the picker carries them; names are people's names and are not translated.
 */
export const DEMO_USERS = [
  { role: 'employee', name: 'Sofie Lunde', email: 'sofie.lunde@universitet.example' },
  { role: 'line_manager', name: 'Knut Olsen', email: 'knut.olsen@universitet.example' },
  { role: 'process_responsible', name: 'Siri Aasen', email: 'siri.aasen@universitet.example' },
  { role: 'process_adviser', name: 'Maria Johansen', email: 'maria.johansen@universitet.example' },
  { role: 'process_owner', name: 'Ingrid Sæther', email: 'ingrid.saether@universitet.example' },
  { role: 'programme_secretariat', name: 'Eva Nilsen', email: 'eva.nilsen@universitet.example' },
  { role: 'programme_council', name: 'Randi Sørensen', email: 'randi.sorensen@universitet.example' },
  { role: 'rector', name: 'Bjørn Haugland', email: 'bjorn.haugland@universitet.example' },
  { role: 'project_manager', name: 'Anders Nygård', email: 'anders.nygard@universitet.example' },
  { role: 'benefit_owner', name: 'Camilla Strøm', email: 'camilla.strom@universitet.example' },
  { role: 'admin', name: 'Henrik Brekke', email: 'henrik.brekke@universitet.example' },
] as const;
