import { jestPreset } from '@artemis/jest-preset';

export default jestPreset();
