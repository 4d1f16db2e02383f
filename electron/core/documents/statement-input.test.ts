import { describe, expect, it } from 'vitest';
import { checkStatementInput, StatementInputError } from './statement-input.ts';
import { statementInput } from './testing/statement-fixture.ts';

const card = statementInput().card;

function fieldsOf(input: unknown): readonly string[] {
  try {
    checkStatementInput(input);
  } catch (error) {
    if (error instanceof StatementInputError) return error.fields;
    throw error;
  }
  return [];
}

describe('statement input', () => {
  it('accepts the fictional citizen and defaults the time zone to Bahrain', () => {
    expect(checkStatementInput(statementInput()).timeZone).toBe('Asia/Bahrain');
  });

  it('refuses a name with a hidden bidi override or control character', () => {
    expect(fieldsOf(statementInput({ card: { ...card, nameEn: 'Test \u202eenO nosreP' } }))).toEqual(['card.nameEn']);
    expect(fieldsOf(statementInput({ card: { ...card, nameAr: 'شخص\u200fتجريبي' } }))).toEqual(['card.nameAr']);
    expect(fieldsOf(statementInput({ card: { ...card, nameAr: 'شخص\nتجريبي' } }))).toEqual(['card.nameAr']);
  });

  it('refuses card data that is not what a card holds', () => {
    expect(fieldsOf(statementInput({ card: { ...card, cpr: '12345678' } }))).toEqual(['card.cpr']);
    expect(fieldsOf(statementInput({ card: { ...card, dateOfBirth: '1990-02-30' } }))).toEqual(['card.dateOfBirth']);
    expect(fieldsOf(statementInput({ card: { ...card, nationality: 'bh' } }))).toEqual(['card.nationality']);
    expect(fieldsOf(statementInput({ card: { ...card, nameEn: 'x'.repeat(121) } }))).toEqual(['card.nameEn']);
    expect(fieldsOf(statementInput({ card: { ...card, address: { ...card.address, block: '9' } } }))).toEqual(['card.address.block']);
  });

  it('refuses a verification link that is not https, a bad reference or time zone', () => {
    expect(fieldsOf(statementInput({ verificationUrl: 'http://verify.example.invalid/s/1' }))).toEqual(['verificationUrl']);
    expect(fieldsOf(statementInput({ verificationUrl: 'javascript:alert(1)' }))).toEqual(['verificationUrl']);
    expect(fieldsOf(statementInput({ reference: 'STM 42' }))).toEqual(['reference']);
    expect(fieldsOf(statementInput({ timeZone: 'Mars/Olympus' }))).toEqual(['timeZone']);
    expect(fieldsOf(statementInput({ issuedAt: 1.5 }))).toEqual(['issuedAt']);
  });

  it('names the fields in its message, never their values', () => {
    expect(() => checkStatementInput(statementInput({ card: { ...card, cpr: '00000001X' } }))).toThrow('ID data statement input is invalid: card.cpr');
    try {
      checkStatementInput(statementInput({ card: { ...card, cpr: '00000001X' } }));
    } catch (error) {
      expect(String(error)).not.toContain('00000001X');
    }
  });
});
