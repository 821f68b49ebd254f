/*
 * From a key pressed on the X server to the first change the X server sees in a rectangle of a
 * window: what a person at the screen waits for, input delivery and WebKit's presentation
 * included. Keys go in through XTEST; changes come back through the DAMAGE extension.
 *
 *   key-to-screen WINDOW X Y WIDTH HEIGHT COUNT pan|undo
 *
 * pan presses Left and Right in turn; undo holds Ctrl (Ctrl+Shift every other time) for 50 ms,
 * as a person does, then times Z. One line per press: milliseconds, or -1 when nothing changed
 * within a second. Built and run by scripts/bench-app for benches/editor.mjs.
 */
#include <X11/Xlib.h>
#include <X11/extensions/XTest.h>
#include <X11/extensions/Xdamage.h>
#include <X11/keysym.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Forgets changes so far (a blinking caret, the last press's repaint). */
static void settle(Display *display, Damage damage) {
    XSync(display, False);
    while (XPending(display)) {
        XEvent event;
        XNextEvent(display, &event);
    }
    XDamageSubtract(display, damage, None, None);
}

static void key(Display *display, KeySym sym, Bool down) {
    XTestFakeKeyEvent(display, XKeysymToKeycode(display, sym), down, 0);
}

/* Milliseconds from `since` to a change of at least 2,000 pixels inside the rectangle, or -1. */
static double wait_for_change(Display *display, int damage_event, XRectangle area, double since) {
    while (now_ms() - since < 1000) {
        while (XPending(display)) {
            XEvent event;
            XNextEvent(display, &event);
            if (event.type != damage_event + XDamageNotify) continue;
            XRectangle r = ((XDamageNotifyEvent *)&event)->area;
            int inside = r.x < area.x + area.width && r.x + r.width > area.x && r.y < area.y + area.height && r.y + r.height > area.y;
            if (inside && r.width * r.height >= 2000) return now_ms() - since;
        }
        struct pollfd fd = {ConnectionNumber(display), POLLIN, 0};
        poll(&fd, 1, 1);
    }
    return -1;
}

int main(int argc, char **argv) {
    if (argc != 8 || (strcmp(argv[7], "pan") && strcmp(argv[7], "undo"))) {
        fprintf(stderr, "usage: key-to-screen WINDOW X Y WIDTH HEIGHT COUNT pan|undo\n");
        return 2;
    }
    Display *display = XOpenDisplay(NULL);
    int damage_event, damage_error;
    if (!display || !XDamageQueryExtension(display, &damage_event, &damage_error)) {
        fprintf(stderr, "key-to-screen: no X display with the DAMAGE extension\n");
        return 1;
    }
    Window window = strtoul(argv[1], NULL, 0);
    XRectangle area = {atoi(argv[2]), atoi(argv[3]), atoi(argv[4]), atoi(argv[5])};
    int count = atoi(argv[6]);
    int pan = strcmp(argv[7], "pan") == 0;
    Damage damage = XDamageCreate(display, window, XDamageReportRawRectangles);
    srand(1);
    for (int i = 0; i < count; i++) {
        /* A random moment within the display's frames. */
        usleep((60 + rand() % 60) * 1000);
        Bool redo = i % 2 == 1;
        if (!pan) {
            key(display, XK_Control_L, True);
            if (redo) key(display, XK_Shift_L, True);
            XFlush(display);
            usleep(50 * 1000);
        }
        settle(display, damage);
        double pressed = now_ms();
        KeySym main_key = pan ? (i % 2 ? XK_Right : XK_Left) : XK_z;
        key(display, main_key, True);
        key(display, main_key, False);
        if (!pan) {
            if (redo) key(display, XK_Shift_L, False);
            key(display, XK_Control_L, False);
        }
        XFlush(display);
        printf("%.2f\n", wait_for_change(display, damage_event, area, pressed));
        fflush(stdout);
    }
    XCloseDisplay(display);
    return 0;
}
