/** The `UtilityContacts` setting the customer-page tests run with. */
export const testUtilityContacts = JSON.stringify([
  { utilityCode: 'ORES', name: 'ORES', phone: '+3278353637', email: 'klanten@ores.example' },
]);
