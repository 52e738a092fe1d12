export interface ConfigurationProblem {
  variable: string;
  reason: string;
}

export class ConfigurationInvalid extends Error {
  constructor(readonly problems: ConfigurationProblem[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.reason}`).join('; ')}`);
    this.name = 'ConfigurationInvalid';
  }
}
