import { describe, expect, it } from 'vitest';
import { checkInCode, registrationIdOfCheckInCode } from '../../shared/domain/check-in-code';
import { deriveManageToken } from '../../shared/domain/identity';

const id = '0b8c4a52-6a8e-4f7e-9d0a-3c2f1e5d7b90';

describe('check-in codes', () => {
  it('name their registration, verified by the secret alone', () => {
    expect(registrationIdOfCheckInCode('s', checkInCode('s', id))).toBe(id);
    expect(registrationIdOfCheckInCode('s', ` ${checkInCode('s', id)}\n`)).toBe(id);
  });

  it('refuse a code made with another secret, a changed id, or a malformed one', () => {
    const other = '1b8c4a52-6a8e-4f7e-9d0a-3c2f1e5d7b90';
    const mac = checkInCode('s', id).split('.')[1];
    expect(registrationIdOfCheckInCode('s', checkInCode('other', id))).toBeNull();
    expect(registrationIdOfCheckInCode('s', `${other}.${mac}`)).toBeNull();
    for (const bad of ['', id, `${id}.`, `${id}.${mac}.x`, `not-an-id.${mac}`]) {
      expect(registrationIdOfCheckInCode('s', bad)).toBeNull();
    }
  });

  it('never contain the manage token that cancels and erases', () => {
    expect(checkInCode('s', id)).not.toContain(deriveManageToken('s', id).slice(0, 12));
  });
});
