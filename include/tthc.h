/**
 * @file tthc.h
 * @brief libtthc umbrella header: includes every module's public header.
 */
#ifndef TTHC_H
#define TTHC_H

#include "tthc/core.h"
#include "tthc/date.h"
#include "tthc/lunar.h"
#include "tthc/calendar.h"
#include "tthc/ical.h"
#include "tthc/deadline.h"
#include "tthc/text.h"
#include "tthc/procedure.h"
#include "tthc/dossier.h"
#include "tthc/indicator.h"
#include "tthc/io.h"

#endif
