import { eslintConfig } from '@artemis/eslint-config';

export default eslintConfig;
