/** The parts of a Butane config that the wizard writes, as plain objects for the yaml library. */

export type ButaneFile = {
  path: string;
  overwrite?: boolean;
  mode?: number;
  contents: { inline: string } | { source: string; verification?: { hash: string } };
};

export type ButaneLink = { path: string; target: string; hard: boolean };

export type ButaneUnit = {
  name: string;
  enabled?: boolean;
  mask?: boolean;
  contents?: string;
  dropins?: { name: string; contents: string }[];
};
