/**
 * Every migration, in order. Names are timestamps so they sort; migrations are forward-only.
 * A static list (not a folder scan) so the compiled server and the TypeScript sources behave the same.
 */
import type { Migration } from 'kysely';
import * as core from './20261125T2000-core.js';
import * as scheduling from './20261125T2100-scheduling.js';
import * as finance from './20261125T2200-finance.js';
import * as risk from './20261125T2200-risk.js';
import * as portfolio from './20261125T2300-portfolio.js';
import * as resources from './20261125T2300-resources.js';
import * as unifyRoles from './20261201T0900-unify-roles.js';
import * as resourcesTeams from './20261201T1000-resources-teams.js';
import * as portfolioGates from './20261201T1100-portfolio-gates.js';
import * as portfolioObjectives from './20261201T1101-portfolio-objectives.js';
import * as portfolioAhp from './20261201T1102-portfolio-ahp.js';
import * as portfolioIntake from './20261201T1103-portfolio-intake.js';
import * as financeCompletion from './20261206T2100-finance-completion.js';
import * as riskFigures from './20261206T2200-risk-figures.js';
import * as riskExposureSnapshots from './20261206T2201-risk-exposure-snapshots.js';
import * as raidLinks from './20261206T2202-raid-links.js';
import * as compliance from './20261206T2203-compliance.js';
import * as riskLibrary from './20261206T2204-risk-library.js';
import * as riskActionTasks from './20261206T2205-risk-action-tasks.js';
import * as staffingCancelled from './20261206T2330-staffing-cancelled.js';
import * as proposalProject from './20261207T0100-proposal-project.js';
import * as priorities from './20261207T0200-priorities.js';

export const migrations: Record<string, Migration> = {
  '20261125T2000-core': core,
  '20261125T2100-scheduling': scheduling,
  '20261125T2200-finance': finance,
  '20261125T2200-risk': risk,
  '20261125T2300-portfolio': portfolio,
  '20261125T2300-resources': resources,
  '20261201T0900-unify-roles': unifyRoles,
  '20261201T1000-resources-teams': resourcesTeams,
  '20261201T1100-portfolio-gates': portfolioGates,
  '20261201T1101-portfolio-objectives': portfolioObjectives,
  '20261201T1102-portfolio-ahp': portfolioAhp,
  '20261201T1103-portfolio-intake': portfolioIntake,
  '20261206T2100-finance-completion': financeCompletion,
  '20261206T2200-risk-figures': riskFigures,
  '20261206T2201-risk-exposure-snapshots': riskExposureSnapshots,
  '20261206T2202-raid-links': raidLinks,
  '20261206T2203-compliance': compliance,
  '20261206T2204-risk-library': riskLibrary,
  '20261206T2205-risk-action-tasks': riskActionTasks,
  '20261206T2330-staffing-cancelled': staffingCancelled,
  '20261207T0100-proposal-project': proposalProject,
  '20261207T0200-priorities': priorities,
};
