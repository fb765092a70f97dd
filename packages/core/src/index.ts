export * from './credits';
export * from './errors';
export * from './generation';
export * from './image-sizes';
export * from './limits';
export * from './model-info';
export * from './plans';
export * from './scopes';
