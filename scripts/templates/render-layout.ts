import { readFile } from 'node:fs/promises';
import path from 'node:path';
import mjml2html from 'mjml';
import { escapeHtml } from '../../functions/mail/fill-template';
import { TemplateError } from './template-error';

export const TEMPLATES_DIR = path.resolve(import.meta.dirname, '../../templates');
export const LAYOUT_FILE = path.join(TEMPLATES_DIR, 'layout.mjml');

export const SAFETY_NOTE =
  'Mend is a self-help course, not therapy or crisis support. If you or someone else is in danger, call your local emergency number. If you feel unsafe with your partner, your safety comes first, before any repair.';

/** Every email's footer line to the /help page: the list of helplines and services. */
export const HELP_LINE = 'Where to find help, in many countries:';

/** The parts of one email, as plain strings (the layout escapes them). */
export interface LayoutSlots {
  language: string;
  title: string;
  preheader: string;
  eyebrow: string;
  /** Trusted MJML from a template file. */
  bodyMjml: string;
  /** Trusted MJML built from the course manifest. */
  questionsMjml: string;
  /** Trusted HTML with placeholder links. */
  footerLinksHtml: string;
}

export async function readLayout(): Promise<string> {
  return readFile(LAYOUT_FILE, 'utf8');
}

function lineOf(error: unknown): number | undefined {
  const errors = (error as { errors?: { line?: number }[] }).errors;
  return errors?.[0]?.line;
}

function messageOf(error: unknown): string {
  const errors = (error as { errors?: { message?: string }[] }).errors;
  return errors?.map((e) => e.message).join('; ') || String(error);
}

/** Compiles MJML strictly; any error names the file and line it came from. */
export async function compileMjml(source: string, file: string): Promise<string> {
  try {
    const { html } = await mjml2html(source, { validationLevel: 'strict', keepComments: false });
    // Indentation is a third of MJML's output; a line break still separates words.
    return html.replace(/^[ \t]+/gm, '').replace(/\n{2,}/g, '\n');
  } catch (error) {
    throw new TemplateError(file, lineOf(error), messageOf(error));
  }
}

/**
 * Validates a body fragment on its own, wrapped on its first line so MJML's line numbers are the
 * author's.
 */
export async function validateFragment(fragment: string, file: string): Promise<void> {
  await compileMjml(
    `<mjml><mj-body><mj-section><mj-column>${fragment}\n</mj-column></mj-section></mj-body></mjml>`,
    file,
  );
}

export async function renderLayout(layout: string, slots: LayoutSlots): Promise<string> {
  const filled = layout
    .replaceAll('[[language]]', escapeHtml(slots.language))
    .replaceAll('[[title]]', escapeHtml(slots.title))
    .replaceAll('[[preheader]]', escapeHtml(slots.preheader))
    .replaceAll('[[eyebrow]]', escapeHtml(slots.eyebrow))
    .replaceAll('[[safetyNote]]', escapeHtml(SAFETY_NOTE))
    .replaceAll('[[helpLine]]', escapeHtml(HELP_LINE))
    .replaceAll('[[footerLinks]]', slots.footerLinksHtml)
    .replace('[[questions]]', () => slots.questionsMjml)
    .replace('[[body]]', () => slots.bodyMjml);
  return compileMjml(filled, LAYOUT_FILE);
}
