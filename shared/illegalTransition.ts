/** A command that the current state does not allow, named so a log or an API answer can say which. */
export interface IllegalTransition {
  readonly from: string;
  readonly command: string;
  readonly message: string;
}

export const illegalTransition = (entity: string, from: string, command: string): IllegalTransition => ({
  from,
  command,
  message: `cannot ${command} a ${entity} that is ${from}`,
});
