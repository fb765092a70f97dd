import { expect } from '@open-wc/testing';
import { SIZE_PRESETS } from '@pixorly/core';
import { makeModel } from '../test/fixtures.js';
import { optionForSize, sizeOptionsFor } from './size-options.js';

describe('sizeOptionsFor', () => {
  it('offers core presets as they are for a model without ratio limits', () => {
    expect(sizeOptionsFor(makeModel()).map(({ id, width, height }) => ({ id, width, height }))).to.deep.equal(
      SIZE_PRESETS.map(({ id, width, height }) => ({ id, width, height })),
    );
  });

  it('keeps to the model: its ratios only, its largest size and its multiple', () => {
    const model = makeModel({ maxWidth: 768, maxHeight: 768, sizeMultiple: 64, aspectRatios: ['1:1', '16:9', '3:4'] });
    expect(sizeOptionsFor(model).map(({ label, width, height }) => `${label} ${width}×${height}`)).to.deep.equal([
      'Square 768×768',
      'Portrait 576×768',
      '16:9 768×448',
    ]);
  });

  it('leaves out ratios the size limits cannot make', () => {
    const model = makeModel({ minHeight: 512, aspectRatios: ['21:9', '1:1'] });
    expect(sizeOptionsFor(model).map((option) => option.aspectRatio)).to.deep.equal(['1:1']);
  });

  it('finds the option for a saved size by pixels, then by ratio', () => {
    const options = sizeOptionsFor(makeModel({ maxWidth: 768, maxHeight: 768 }));
    expect(optionForSize(options, { width: 768, height: 768 })?.id).to.equal('square');
    expect(optionForSize(options, { width: 1024, height: 768 })?.id).to.equal('landscape');
    expect(optionForSize(options, { width: 1024, height: 400 })).to.equal(undefined);
  });
});
