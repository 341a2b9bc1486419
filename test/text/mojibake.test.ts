import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../src/text/mojibake.js';

describe('repairMojibake', () => {
  it('repairs UTF-8 read as windows-1252, with offsets back into the original', () => {
    const original = 'Viktor OrbÃ¡n met RadosÅ‚aw Sikorski.';
    const repaired = repairMojibake(original);
    expect(repaired?.text).toBe('Viktor Orbán met Radosław Sikorski.');
    const start = repaired!.text.indexOf('Radosław');
    const end = start + 'Radosław'.length;
    expect(original.slice(repaired!.originalOffsets[start], repaired!.originalOffsets[end])).toBe('RadosÅ‚aw');
  });

  it('reads a space as the lost no-break space of "Š" only when the text has clear mojibake', () => {
    expect(repairMojibake('Ingrida Å imonytÄ— said')?.text).toBe('Ingrida Šimonytė said');
    expect(repairMojibake('Å is a village in Norway')).toBeNull();
  });

  it('leaves ordinary Latin-1 text alone', () => {
    expect(repairMojibake('Orbán, Ärger, café «déjà vu»')).toBeNull();
  });
});
