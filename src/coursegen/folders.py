"""The names of a course folder's files and folders, in a module that imports nothing, so that
the command can look at a course (builder.prepare_workers) before the rest of coursegen loads."""

COURSE_FILE = "course.yaml"
GLOSSARY_FILE = "glossary.yaml"
LESSONS_FOLDER = "lessons"
ARTICLES_FOLDER = "articles"
# The kinds of document made for every lesson, in order (documents/lesson.py makes them).
LESSON_DOCUMENTS = ("handout", "questions", "questions-instructor", "glossary")
