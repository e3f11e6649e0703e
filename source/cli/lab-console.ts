// The practice lab for the manual console: starts a scenario in-process and says where its server
// in the role of a standard port listens, what to tell the learner about it, and which CA and
// name make its certificates verify. `mailmedic console --lab` and the wizard's console goal share it.
import type { LabInstance } from '../lab/lab.js';
import { endpoint } from '../net/connection.js';
import type { LabConsoleTarget } from '../session/live-controller.js';

export const startLabConsole = async (
  scenario: string,
  role: number,
  extraCa: readonly string[] = [],
): Promise<{ lab: LabInstance; target: LabConsoleTarget }> => {
  // Loaded only when the lab is asked for, as the wizard's lab is.
  const { startLab } = await import('../lab/lab.js');
  const { labEndpoint } = await import('../lab/console-targets.js');
  const lab = await startLab(scenario);
  const where = labEndpoint(lab, role);
  if (!where) {
    await lab.stop();
    throw new Error(`the practice lab has no server in the role of port ${role}`);
  }
  return {
    lab,
    target: {
      host: where.host,
      port: where.port,
      tls: where.tls,
      servername: where.servername,
      ca: [lab.caCert, ...extraCa],
      practice: {
        scenario: lab.scenario.id,
        domain: lab.domain,
        user: lab.user,
        password: lab.password,
      },
      intro: `practice lab, scenario ${lab.scenario.id} (${lab.scenario.title}): its ${where.description} for ${lab.domain}, on ${endpoint(where.host, where.port)} in the role of port ${where.role}; certificates for ${where.servername} from the lab's own CA, trusted here; login ${lab.user} (a practice account)`,
    },
  };
};
