// Test-wide setup, loaded by mocha before the suites (see .mocharc.json).
import { Logger } from '@babylonjs/core/Misc/logger.js';

// Keep Babylon's start-up banner out of the test report; warnings and errors still show.
Logger.LogLevels = Logger.WarningLogLevel | Logger.ErrorLogLevel;
