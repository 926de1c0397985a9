// `concord search QUERY`: the same search as GET /api/search, as the system actor (reads all).
import type { Command } from 'commander';
import type { CliContext } from '../../cli/program.js';
import { CliExit } from '../../cli/program.js';
import { systemActor } from '../access/actor.js';
import { Value } from 'typebox/value';
import { searchParagraphs } from './queries.js';
import { SearchQuery } from './schema.js';

export function register(program: Command, cli: CliContext): void {
  program
    .command('search')
    .description('Search paragraphs: words, "phrases", OR, -exclusions, prefix*; six languages')
    .argument('<query...>', 'the search text')
    .option('--board <id>', 'board')
    .option('--entity <id>', 'entity mentioned or speaking (unfpa, jiu, …)')
    .option('--session <id>', 'session')
    .option('--type <type>', 'document type')
    .option('--language <code>', 'language version (ar, zh, en, fr, ru, es)')
    .option('--speaker <key>', 'speaker: entity id, member state, or a role key such as delegations')
    .option('--year <year>', 'year of the document')
    .option('--theme <theme>', 'theme (sdg-5, qcpr, funding-compact, …)')
    .option('--limit <n>', 'results per page', '10')
    .option('--cursor <cursor>', 'the next page, as printed')
    .option('--json', 'print JSON')
    .action(async (words: string[], opts: Record<string, string | boolean | undefined>) => {
      const raw: Record<string, unknown> = { q: words.join(' ') };
      for (const k of ['board', 'entity', 'session', 'type', 'language', 'speaker', 'theme', 'cursor'])
        if (typeof opts[k] === 'string') raw[k] = opts[k];
      if (typeof opts.year === 'string') raw.year = Number(opts.year);
      if (typeof opts.limit === 'string') raw.limit = Number(opts.limit);
      if (!Value.Check(SearchQuery, raw)) {
        for (const e of Value.Errors(SearchQuery, raw))
          cli.io.err(`search: ${e.instancePath || '/q'} ${e.message}`);
        throw new CliExit(2);
      }
      await cli.withDb(async (d) => {
        const window = cli.config().searchWindow;
        const r = await searchParagraphs(d.db, systemActor('cli'), raw, { window });
        if (opts.json) {
          cli.io.out(JSON.stringify(r, null, 2));
          return;
        }
        if (!r.items.length) cli.io.out('no matches');
        for (const h of r.items) {
          const text = h.snippet
            .replace(/<mark>/g, '[')
            .replace(/<\/mark>/g, ']')
            .replace(/&lt;/g, '<')
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&#39;/g, "'")
            .replace(/&amp;/g, '&');
          cli.io.out(
            `${h.documentSymbol ?? h.documentTitle.slice(0, 60)} ¶${h.number} (${h.language}, ${h.date})${h.speakers.length ? ` — ${h.speakers.join('; ')}` : ''}`,
          );
          cli.io.out(`  ${text}`);
          cli.io.out(`  ${h.url}`);
        }
        if (r.windowed) cli.io.out(`(very many matches: ranked among the newest ${window})`);
        if (r.nextCursor) cli.io.out(`more: --cursor ${r.nextCursor}`);
      });
    });
}
