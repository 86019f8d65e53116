/** Thrown when the user dismisses a picker or a confirmation: the command ends quietly. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}
